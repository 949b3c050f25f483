// `onekit lab up`: builds a federation on this machine. Each host gets its root and its
// agent; the master's daemon starts; then the wizards run as an administrator would run
// them, non-interactively (`onezone fed-master`, `fed-join`, `ha-add`), each recorded in
// lab.json once it succeeds. A rerun with the same answers continues where the last one
// stopped: hosts already prepared keep their files, running agents are kept, finished
// wizards are not run again and an interrupted one resumes from its own run record.
import { spawn } from 'node:child_process';
import { access, mkdir, readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import {
  OneKitError,
  readOneAuth,
  resolvePaths,
  writeFileAtomic,
  type Environment,
} from '@onekit/core';
import { XmlRpcClient } from '../rpc/index.js';
import { AgentTransport } from '../transport/agent-transport.js';
import { joinedBy, labHosts, labWizardRuns, type LabHostSpec, type LabSpec } from './lab-layout.js';
import { cliExecutable, prepareLabHost, startLabAgent } from './lab-processes.js';
import {
  labAdminDir,
  labTokenFile,
  loadLabState,
  sameSpec,
  saveLabState,
  type LabState,
} from './lab-state.js';

export interface LabTiming {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export interface LabUpOptions extends LabTiming {
  readonly dir: string;
  readonly spec: LabSpec;
  readonly env: Environment;
  readonly randomSecret: () => string;
  /** A progress line (stderr). */
  readonly say: (line: string) => void;
  /** Where the wizards' own output goes (stderr). */
  readonly wizardOutput: NodeJS.WritableStream;
  /** How long a wizard waits for a zone, and `up` for an agent or daemon (seconds). */
  readonly waitSeconds: number;
}

export interface LabPhase {
  /** `hosts`, `daemons` or a wizard run's id. */
  readonly id: string;
  readonly state: 'done' | 'already-done';
  readonly ms: number;
  /** The wizard's steps, for a wizard run. */
  readonly steps?: number;
}

export interface LabUpResult {
  readonly dir: string;
  readonly spec: LabSpec;
  readonly hosts: readonly LabHostSpec[];
  readonly phases: readonly LabPhase[];
  /** What points the other commands at the master. */
  readonly endpoint: string;
  readonly oneAuth: string;
}

export async function labUp(o: LabUpOptions): Promise<LabUpResult> {
  const recorded = await loadLabState(o.dir);
  if (recorded) {
    const changed = sameSpec(recorded.spec, o.spec);
    if (changed) {
      throw new OneKitError(
        'FLAG_INVALID',
        `${o.dir} holds another lab (${changed}): use its answers, or "onekit lab down --purge" first`,
        { field: 'zones', file: posix.join(o.dir, 'lab.json') },
      );
    }
  }
  let state: LabState = recorded ?? { spec: o.spec, done: [] };
  await mkdir(o.dir, { recursive: true });
  await saveLabState(o.dir, state);
  const tokenFile = labTokenFile(o.dir);
  if (!(await exists(tokenFile))) {
    await writeFileAtomic(tokenFile, `${o.randomSecret()}\n`, { mode: 0o600 });
  }
  const hosts = labHosts(o.dir, o.spec);
  const master = hosts[0]!;
  const masterPaths = resolvePaths({ oneLocation: master.location });
  const phases: LabPhase[] = [];
  const timed = async (id: string, action: () => Promise<Partial<LabPhase> | void>) => {
    const start = o.now();
    const extra = (await action()) ?? {};
    phases.push({ id, state: 'done', ms: o.now() - start, ...extra });
  };

  await timed('hosts', async () => {
    for (const host of hosts) {
      await prepareLabHost({ dir: o.dir, host, spec: o.spec, randomSecret: o.randomSecret });
      const agent = await startLabAgent({
        dir: o.dir,
        host,
        spec: o.spec,
        env: o.env,
        deadlineMs: o.waitSeconds * 1000,
        sleep: o.sleep,
        now: o.now,
      });
      o.say(
        `${host.name}: agent ${agent.started ? 'started' : 'runs'} (pid ${agent.pid}) on ${host.agent}\n`,
      );
    }
  });

  const token = (await readFile(tokenFile, 'utf8')).trim();
  // The master, and every host a finished wizard made a server of (a lab brought down and
  // up again): an HA zone answers only once a majority of its servers runs.
  await timed('daemons', async () => {
    const running = hosts.filter((h) => h === master || state.done.includes(joinedBy(h)));
    for (const host of running) {
      const agent = new AgentTransport({ host: host.address, port: o.spec.agentPort, token });
      try {
        await agent.service('start', 'opennebula');
      } finally {
        await agent.close();
      }
    }
    for (const host of running) {
      await waitAnswering({ ...o, endpoint: host.rpc, oneAuth: masterPaths.oneAuth });
      o.say(`${host.name}: daemon answers at ${host.rpc}\n`);
    }
  });

  const admin = labAdminDir(o.dir);
  await mkdir(posix.join(admin, 'home'), { recursive: true });
  for (const run of labWizardRuns(hosts, o.spec)) {
    if (state.done.includes(run.id)) {
      phases.push({ id: run.id, state: 'already-done', ms: 0 });
      continue;
    }
    o.say(`onezone ${run.args.join(' ')}\n`);
    await timed(run.id, async () => {
      const stderr = await runWizard({
        args: [
          ...run.args,
          '--transport',
          'agent',
          '--agent-token-file',
          tokenFile,
          '--wait-timeout',
          String(o.waitSeconds),
          '--yes',
        ],
        env: {
          PATH: o.env['PATH'] ?? '/usr/bin:/bin',
          ONE_XMLRPC: run.via.rpc,
          ONE_AUTH: masterPaths.oneAuth,
          ONE_LOCATION: admin,
          HOME: posix.join(admin, 'home'),
        },
        output: o.wizardOutput,
        id: run.id,
      });
      return { steps: stderr.match(/: done$/gm)?.length ?? 0 };
    });
    state = { ...state, done: [...state.done, run.id] };
    await saveLabState(o.dir, state);
  }
  return {
    dir: o.dir,
    spec: o.spec,
    hosts,
    phases,
    endpoint: master.rpc,
    oneAuth: masterPaths.oneAuth,
  };
}

/** Runs `onezone <args>`; its output goes on, and its stderr is kept for counting steps. */
function runWizard(o: {
  args: readonly string[];
  env: Record<string, string>;
  output: NodeJS.WritableStream;
  id: string;
}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliExecutable('onezone'), ...o.args], {
      env: o.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.pipe(o.output, { end: false });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      o.output.write(chunk);
    });
    child.once('error', reject);
    child.once('close', (status, signal) => {
      if (status === 0) resolve(stderr);
      else
        reject(
          new OneKitError(
            'HOST_COMMAND',
            `the wizard ${o.id} ended with ${signal ?? `status ${status}`}; run "onekit lab up" again to continue it`,
            { field: o.id },
          ),
        );
    });
  });
}

async function waitAnswering(
  o: LabTiming & { endpoint: string; oneAuth: string; waitSeconds: number },
): Promise<void> {
  const auth = readOneAuth({
    env: { ONE_AUTH: o.oneAuth },
    home: undefined,
    paths: resolvePaths({}),
  });
  const client = new XmlRpcClient({
    endpoint: o.endpoint,
    session: `${auth.user}:${auth.password}`,
    timeoutMs: 2_000,
  });
  const deadline = o.now() + o.waitSeconds * 1000;
  try {
    for (;;) {
      try {
        await client.callText('one.system.version');
        return;
      } catch (err) {
        if (o.now() >= deadline) {
          throw new OneKitError(
            'DAEMON_START',
            `no daemon answered at ${o.endpoint} within ${o.waitSeconds} s`,
            { field: 'endpoint' },
            { cause: err },
          );
        }
      }
      await o.sleep(200);
    }
  } finally {
    client.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
