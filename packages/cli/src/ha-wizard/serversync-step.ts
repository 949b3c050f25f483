// The last step of a join: the new server takes the leader's configuration files, as
// `onezone serversync` does (its own FEDERATION identity and listen address are kept).
// Its backup can be undone with `onezone serversync --rollback <id>` on that host.
import type { IOStreams } from '../io/index.js';
import type { PlanStep, StepResult } from '../plan/index.js';
import type { Prompter } from '../prompt/index.js';
import { runServerSync, type Rng, type SyncRelease } from '../serversync/index.js';
import type { HaHost } from './host-steps.js';

export interface ServersyncDeps {
  readonly io: IOStreams;
  readonly prompter: Pick<Prompter, 'confirm'>;
  readonly clock: () => Date;
  readonly rng: Rng;
  readonly release: SyncRelease;
}

export function serversyncStep(
  d: ServersyncDeps,
  o: { name: string; here: HaHost; from: HaHost },
): PlanStep {
  return {
    name: o.name,
    title: `Copy the configuration of ${o.from.label} (serversync)`,
    host: o.here.label,
    async run(): Promise<StepResult> {
      const result = await runServerSync({
        io: d.io,
        prompter: d.prompter,
        local: o.here.transport,
        remote: o.from.transport,
        mode: 'sync',
        release: d.release,
        keepHa: false,
        delete: false,
        yes: true,
        clock: d.clock,
        rng: d.rng,
        showPlan: () => undefined,
      });
      const sync = result.kind === 'sync' ? result.sync : undefined;
      if (!sync) return { values: { changed: 0 } };
      return {
        values: { changed: sync.manifest.files.length, backup: sync.id },
        backups: [
          {
            host: o.here.label,
            file: sync.dir,
            what: 'configuration files replaced by serversync',
            restore: `onezone serversync --rollback ${sync.id} (on ${o.here.label})`,
          },
        ],
      };
    },
  };
}
