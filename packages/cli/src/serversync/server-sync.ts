// `onezone serversync <server>` as a library call: read both hosts, plan, then preview
// (--dry-run, --diff) or sync after a confirmation. The oclif command only builds these
// options and renders the result.
import { exitCodes, OneKitError } from '@onekit/core';
import type { IOStreams } from '../io/index.js';
import { confirmOrCancel, type Prompter } from '../prompt/index.js';
import type { HostTransport } from '../transport/host-transport.js';
import type { ManifestFile, Rng } from './backup-manifest.js';
import { onedConfToWrite, planDiffs, type RenderedDiff } from './contents.js';
import { gatherSides, isSameHost } from './gather.js';
import { nodeLocalRules } from './node-local.js';
import { planServerSync, type SyncPlan } from './plan.js';
import { runSync, type SyncEvent, type SyncOutcome } from './sync-run.js';
import { syncDatabase, type DatabaseSyncOutcome } from './database-sync.js';
import { backupId } from './backup-manifest.js';
import { posix } from 'node:path';
import { syncList, type SyncRelease } from './sync-list.js';

export type ServerSyncMode = 'dry-run' | 'diff' | 'sync';

export interface ServerSyncOptions {
  readonly io: IOStreams;
  readonly prompter: Pick<Prompter, 'confirm'>;
  /** This host. */
  readonly local: HostTransport;
  /** The server to copy from. */
  readonly remote: HostTransport;
  readonly mode: ServerSyncMode;
  readonly release: SyncRelease;
  readonly keepHa: boolean;
  readonly delete: boolean;
  /** Sync without asking. */
  readonly yes: boolean;
  /** Also replace this host's database with the server's (through onedb on both). */
  readonly database?: boolean;
  readonly clock: () => Date;
  readonly rng: Rng;
  /** Shows the plan before the question (a person must see what they agree to). */
  readonly showPlan: (plan: SyncPlan) => void;
  readonly onEvent?: (event: SyncEvent) => void;
  /** Called after each file of a sync; a caller (a test) may stop the run there. */
  readonly afterFile?: (done: number, file: ManifestFile) => Promise<void>;
}

export type ServerSyncResult =
  | {
      readonly kind: 'preview';
      readonly plan: SyncPlan;
      /** With --diff: each changed file's unified diff, redacted. */
      readonly diffs?: readonly RenderedDiff[];
    }
  | {
      readonly kind: 'sync';
      readonly plan: SyncPlan;
      readonly sync?: SyncOutcome;
      readonly database?: DatabaseSyncOutcome;
    };

export async function runServerSync(o: ServerSyncOptions): Promise<ServerSyncResult> {
  const list = syncList(o.release);
  const rules = nodeLocalRules({ keepHa: o.keepHa });
  const sides = await gatherSides({ local: o.local, remote: o.remote, list });
  if (await isSameHost({ local: o.local, remote: o.remote, sides, rng: o.rng })) {
    throw refused(`${o.remote.host} is this host: serversync copies from another server`);
  }
  const plan = planServerSync({
    list,
    here: sides.here,
    there: sides.there,
    rules,
    delete: o.delete,
  });
  const onedConf = plan.inSync ? undefined : onedConfToWrite(plan, sides, rules);
  if (o.mode !== 'sync') {
    if (o.mode === 'dry-run') return { kind: 'preview', plan };
    const diffs = await planDiffs({ plan, sides, local: o.local, remote: o.remote, onedConf });
    return { kind: 'preview', plan, diffs };
  }
  if (plan.refusal !== undefined) throw refused(plan.refusal);
  if (plan.inSync && !o.database) return { kind: 'sync', plan };
  if (!o.yes && o.io.canPrompt()) o.showPlan(plan);
  const what = o.database ? 'files and database' : 'files';
  await confirmOrCancel({
    message: `Replace this host's ${what} with those of ${plan.server}?`,
    yes: o.yes,
    io: o.io,
    prompter: o.prompter,
  });
  const sync = plan.inSync
    ? undefined
    : await runSync({
        plan,
        local: o.local,
        remote: o.remote,
        localVar: sides.herePaths.var,
        onedConf,
        clock: o.clock,
        rng: o.rng,
        ...(o.onEvent ? { onEvent: o.onEvent } : {}),
        ...(o.afterFile ? { afterFile: o.afterFile } : {}),
      });
  if (!o.database) return { kind: 'sync', plan, sync };
  const id = sync?.id ?? backupId(o.clock(), o.rng);
  const backupDir = sync?.dir ?? posix.join(sides.herePaths.var, 'backups', 'serversync', id);
  const database = await syncDatabase({
    local: o.local,
    remote: o.remote,
    backupDir,
    id,
    ...(o.onEvent ? { say: (line: string) => o.io.err(line) } : {}),
  });
  return { kind: 'sync', plan, ...(sync && { sync }), database };
}

function refused(reason: string): OneKitError {
  return new OneKitError('SERVERSYNC_REFUSED', reason, { field: 'server' });
}

/**
 * 0 in sync (or synced), 1 when a preview found differences or a service would not
 * try-restart after a sync; errors are the caller's (a preview's are 2, as kubectl diff's).
 */
export function serverSyncExitStatus(result: ServerSyncResult): number {
  if (result.kind === 'preview') return result.plan.inSync ? exitCodes.OK : exitCodes.ERROR;
  const failed = result.sync?.manifest.restarted?.some((r) => r.error !== undefined);
  return failed ? exitCodes.ERROR : exitCodes.OK;
}
