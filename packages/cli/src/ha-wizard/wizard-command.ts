// The base of the HA wizard commands: builds the hosts and the zone access from flags, runs
// the plan with the engine and renders the preview or the run.
import { resolvePaths, type OnePaths } from '@onekit/core';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { OneApiCommand, type ApiFlagValues } from '../command/index.js';
import {
  fileRunStore,
  renderPlanOutcome,
  renderPreview,
  runPlan,
  runsDir,
  type Plan,
  type PlanOutcome,
} from '../plan/index.js';
import { flagOrPrompt } from '../prompt/index.js';
import type { RemoteTransportKind, SshHostKeyChecking } from '../serversync/index.js';
import type { HaHost } from './host-steps.js';
import type { Waiting } from './wait.js';
import { rerunCommand } from './wizard-flags.js';
import { zoneAccess, type ZoneAccess } from './zone-access.js';

export interface HostFlagValues {
  transport: string;
  'agent-port'?: number;
  'agent-token-file'?: string;
  'ssh-user'?: string;
  'ssh-key'?: string;
  'known-hosts'?: string;
  'host-key-checking'?: string;
}

export interface PlanFlagValues {
  'dry-run': boolean;
  yes: boolean;
  restart: boolean;
  'skip-check'?: string[];
  'wait-timeout': number;
  'stop-after-step'?: number;
}

/** A wizard command; one whose result is not a plan outcome (a report) renders it itself. */
export abstract class HaWizardCommand<Result = PlanOutcome> extends OneApiCommand<Result> {
  private readonly opened: HaHost[] = [];

  protected get localPaths(): OnePaths {
    return resolvePaths({ oneLocation: this.env['ONE_LOCATION'] });
  }

  protected clock = (): Date => new Date();

  protected waiting(flags: Pick<PlanFlagValues, 'wait-timeout'>): Waiting {
    return {
      now: () => performance.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      timeoutMs: flags['wait-timeout'] * 1000,
      intervalMs: 250,
    };
  }

  protected rng = (): number => randomBytes(4).readUInt32BE() / 2 ** 32;

  /** A flag's value, or the answer on a terminal, or FLAG_REQUIRED. */
  protected ask(flag: string, value: string | undefined, question: string): Promise<string> {
    return flagOrPrompt({
      value,
      flag,
      io: this.io,
      ask: () => this.prompter.input(question, { validate: (v) => v.trim() !== '' || 'required' }),
    });
  }

  protected async zone(flags: ApiFlagValues & { zone?: string }): Promise<ZoneAccess> {
    const text = await this.ask('zone', flags.zone, 'Zone id');
    const { resolveId, oncePool } = await import('../resource-ids/index.js');
    const { zoneNames } = await import('../zone/index.js');
    const api = this.oneApi(flags);
    const id = await resolveId(
      text,
      'ZONE',
      oncePool(() => zoneNames(api)),
    );
    return zoneAccess(api, id);
  }

  /**
   * `spec` (HOST[:PORT], or a ONE_LOCATION root with --transport local) through the
   * --transport flags; this host (local, ONE_LOCATION) when absent. Plans name it as given.
   */
  protected async host(spec: string | undefined, flags: HostFlagValues): Promise<HaHost> {
    const lib = await import('../serversync/index.js');
    if (spec === undefined) {
      return this.keep({ label: 'this host', transport: await lib.localHost(this.env) });
    }
    const transport = await lib.remoteHost({
      kind: flags.transport as RemoteTransportKind,
      server: spec,
      field: 'host',
      localPaths: this.localPaths,
      env: this.env,
      home: this.home,
      agentPort: flags['agent-port'],
      agentTokenFile: flags['agent-token-file'],
      sshUser: flags['ssh-user'],
      sshKey: flags['ssh-key'],
      knownHosts: flags['known-hosts'],
      hostKeyChecking: flags['host-key-checking'] as SshHostKeyChecking | undefined,
    });
    return this.keep({ label: spec, transport });
  }

  protected async runWizard(plan: Plan, flags: PlanFlagValues): Promise<PlanOutcome> {
    const stopAfter = flags['stop-after-step'];
    const outcome = await runPlan({
      plan,
      dryRun: flags['dry-run'],
      yes: flags.yes,
      restart: flags.restart,
      skipChecks: flags['skip-check'] ?? [],
      io: this.io,
      prompter: this.prompter,
      store: fileRunStore({ dir: runsDir(this.localPaths), wizard: plan.wizard, key: plan.key }),
      clock: this.clock,
      newRunId: () =>
        `${this.clock().toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`,
      progress: this.io.progress(),
      say: (line) => this.io.err(line),
      showPlan: (preview) => this.io.err(renderPreview(preview, { question: true })),
      ...(stopAfter === undefined
        ? {}
        : {
            afterStep: async (done: number) => {
              if (done === stopAfter) process.kill(process.pid, 'SIGKILL');
            },
          }),
    });
    if (outcome.kind === 'run' && outcome.state === 'failed') this.exitStatus = 1;
    return outcome;
  }

  protected rerun(): string {
    return rerunCommand(
      `${this.config.bin} ${this.id?.replace(/:/g, ' ') ?? ''}`.trim(),
      this.argv,
    );
  }

  protected override renderText(outcome: Result): string {
    return renderPlanOutcome(outcome as PlanOutcome);
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    await Promise.all(this.opened.splice(0).map((h) => h.transport.close()));
    return super.finally(err);
  }

  private keep(host: HaHost): HaHost {
    this.opened.push(host);
    return host;
  }
}
