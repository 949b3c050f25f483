// `onezone serversync --rollback <id>` and `--list-backups`: this host's backups only, no
// other server involved. Each copy is checked against its recorded SHA-256 before it is put
// back, with the mode and owner the file had.
import { exitCodes, isOneKitError, OneKitError } from '@onekit/core';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { HostTransport } from '../transport/host-transport.js';
import {
  backupDir,
  backupsRoot,
  isBackupId,
  manifestJson,
  manifestName,
  parseManifest,
  type BackupManifest,
  type RestartRecord,
} from './backup-manifest.js';
import { planRollback, type RollbackStep } from './rollback-plan.js';
import { tryRestart } from './services.js';

export interface RollbackOptions {
  readonly local: HostTransport;
  readonly id: string;
  readonly clock: () => Date;
  readonly onStep?: (step: RollbackStep) => void;
}

export interface RollbackOutcome {
  readonly id: string;
  readonly dir: string;
  readonly steps: readonly RollbackStep[];
  readonly restarted: readonly RestartRecord[];
}

export async function runRollback(o: RollbackOptions): Promise<RollbackOutcome> {
  if (!isBackupId(o.id)) {
    throw new OneKitError('FLAG_INVALID', `${o.id} is not a serversync backup id`, {
      field: 'rollback',
    });
  }
  const paths = await o.local.paths();
  const dir = backupDir(paths.var, o.id);
  const manifest = await readManifest(o.local, dir, o.id);
  if (manifest.state === 'rolled-back') {
    throw new OneKitError('FLAG_INVALID', `backup ${o.id} was already rolled back`, {
      field: 'rollback',
    });
  }
  if (manifest.etc !== paths.etc) {
    throw new OneKitError(
      'FLAG_INVALID',
      `backup ${o.id} was taken of ${manifest.etc}, not of this host's ${paths.etc}`,
      { field: 'rollback' },
    );
  }
  const [copies, present] = await Promise.all([
    o.local.listFiles(dir),
    o.local.listFiles(paths.etc),
  ]);
  const plan = planRollback(manifest, {
    copies: new Set(copies.map((f) => f.path)),
    present: new Set(present.map((f) => f.path)),
  });
  if (plan.missing.length > 0) {
    throw new OneKitError(
      'HOST_FILE',
      `backup ${o.id} lacks the copies of ${plan.missing.join(', ')}: nothing was restored`,
      { file: dir },
    );
  }
  for (const step of plan.steps) {
    o.onStep?.(step);
    const target = posix.join(paths.etc, step.path);
    if (step.action === 'remove') {
      await o.local.removeFile(target);
      continue;
    }
    const copy = posix.join(dir, step.backup);
    const content = await o.local.readFile(copy);
    if (createHash('sha256').update(content).digest('hex') !== step.meta.sha256) {
      throw new OneKitError('HOST_FILE', `${copy} does not match its recorded SHA-256`, {
        file: copy,
      });
    }
    await o.local.writeFile(target, content, {
      mode: step.meta.mode,
      uid: step.meta.uid,
      gid: step.meta.gid,
    });
  }
  const restarted: RestartRecord[] = [];
  for (const service of plan.services) restarted.push(await tryRestart(o.local, service));
  const done: BackupManifest = {
    ...manifest,
    state: 'rolled-back',
    rolledBack: o.clock().toISOString(),
  };
  await o.local.writeFile(posix.join(dir, manifestName), Buffer.from(manifestJson(done)), {
    mode: 0o600,
  });
  return { id: o.id, dir, steps: plan.steps, restarted };
}

/** 1 when a service would not try-restart after the files were put back, else 0. */
export function rollbackExitStatus(outcome: RollbackOutcome): number {
  return outcome.restarted.some((r) => r.error !== undefined) ? exitCodes.ERROR : exitCodes.OK;
}

async function readManifest(
  local: HostTransport,
  dir: string,
  id: string,
): Promise<BackupManifest> {
  const file = posix.join(dir, manifestName);
  let text: string;
  try {
    text = (await local.readFile(file)).toString('utf8');
  } catch (err) {
    if (!isOneKitError(err, 'HOST_FILE')) throw err;
    throw new OneKitError(
      'FLAG_INVALID',
      `no serversync backup ${id} in ${posix.dirname(dir)}`,
      { field: 'rollback' },
      { cause: err },
    );
  }
  return parseManifest(text, file);
}

/** One line of --list-backups. */
export interface BackupSummary {
  readonly id: string;
  readonly created: string;
  readonly server: string;
  readonly state: BackupManifest['state'];
  /** Files the sync changed (done), of those it planned. */
  readonly changed: number;
  readonly planned: number;
  readonly dir: string;
}

/** Every backup of this host, oldest first. */
export async function listBackups(local: HostTransport): Promise<BackupSummary[]> {
  const root = backupsRoot((await local.paths()).var);
  const manifests = (await listIfPresent(local, root)).filter(
    (f) =>
      f.kind === 'file' &&
      /^[^/]+\/manifest\.json$/.test(f.path) &&
      isBackupId(f.path.split('/')[0]!),
  );
  const summaries: BackupSummary[] = [];
  for (const entry of manifests) {
    const file = posix.join(root, entry.path);
    const manifest = parseManifest((await local.readFile(file)).toString('utf8'), file);
    summaries.push({
      id: manifest.id,
      created: manifest.created,
      server: manifest.server,
      state: manifest.state,
      changed: manifest.files.filter((f) => f.state === 'done').length,
      planned: manifest.files.length,
      dir: posix.dirname(file),
    });
  }
  return summaries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A directory no sync has created yet holds no backups. */
async function listIfPresent(local: HostTransport, root: string) {
  try {
    return await local.listFiles(root);
  } catch (err) {
    if (isOneKitError(err, 'HOST_FILE') && err.where.file === root) return [];
    throw err;
  }
}
