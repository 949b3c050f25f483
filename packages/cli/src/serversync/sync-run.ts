// Carrying out a plan on this host. Order per file: copy the old file into the backup,
// write (atomically) or remove, mark it done in the manifest (atomically). A run stopped
// anywhere leaves every file old or new and a manifest that says which; rollback reads it.
import { OneKitError } from '@onekit/core';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { HostTransport } from '../transport/host-transport.js';
import {
  backupDir,
  backupId,
  fileDone,
  manifestJson,
  manifestName,
  startManifest,
  type BackupManifest,
  type FileMeta,
  type ManifestFile,
  type RestartRecord,
  type Rng,
} from './backup-manifest.js';
import { pathOn } from './gather.js';
import type { PlannedFile, SyncPlan } from './plan.js';
import { tryRestart } from './services.js';

/** What a sync reports as it goes, for progress lines. */
export type SyncEvent =
  | { readonly kind: 'backup'; readonly id: string; readonly dir: string }
  | { readonly kind: 'file'; readonly file: ManifestFile }
  | { readonly kind: 'restart'; readonly service: string };

export interface SyncRunOptions {
  readonly plan: SyncPlan;
  readonly local: HostTransport;
  readonly remote: HostTransport;
  /** This host's state directory, where backups go. */
  readonly localVar: string;
  /** The oned.conf text to install, when the plan writes it. */
  readonly onedConf: string | undefined;
  readonly clock: () => Date;
  readonly rng: Rng;
  readonly onEvent?: (event: SyncEvent) => void;
  /** Called once each file is done (and recorded); a caller may stop the run there. */
  readonly afterFile?: (done: number, file: ManifestFile) => Promise<void>;
}

export interface SyncOutcome {
  readonly id: string;
  readonly dir: string;
  readonly manifest: BackupManifest;
}

export async function runSync(o: SyncRunOptions): Promise<SyncOutcome> {
  const now = o.clock();
  const id = backupId(now, o.rng);
  const dir = backupDir(o.localVar, id);
  let manifest = startManifest({ id, created: now, plan: o.plan });
  const save = (m: BackupManifest) =>
    o.local.writeFile(posix.join(dir, manifestName), Buffer.from(manifestJson(m)), {
      mode: 0o600,
    });
  await save(manifest);
  o.onEvent?.({ kind: 'backup', id, dir });

  const planned = new Map(o.plan.files.map((f) => [f.path, f]));
  let done = 0;
  for (const entry of manifest.files) {
    const file = planned.get(entry.path)!;
    const target = pathOn(o.plan.here.etc, file);
    if (entry.backup !== undefined) {
      const old = await o.local.readFile(target);
      await o.local.writeFile(posix.join(dir, entry.backup), old, { mode: 0o600 });
    }
    let after: FileMeta | undefined;
    if (entry.action === 'remove') {
      await o.local.removeFile(target);
    } else {
      const content = await newContent(file, o);
      const there = file.there!;
      await o.local.writeFile(target, content, {
        mode: there.mode,
        uid: there.uid,
        gid: there.gid,
      });
      after = {
        mode: there.mode,
        uid: there.uid,
        gid: there.gid,
        size: content.length,
        sha256: sha256(content),
      };
    }
    manifest = fileDone(manifest, entry.path, after);
    await save(manifest);
    const recorded = manifest.files.find((f) => f.path === entry.path)!;
    o.onEvent?.({ kind: 'file', file: recorded });
    await o.afterFile?.(++done, recorded);
  }

  const restarted: RestartRecord[] = [];
  for (const service of manifest.services) {
    o.onEvent?.({ kind: 'restart', service });
    restarted.push(await tryRestart(o.local, service));
  }
  manifest = { ...manifest, state: 'complete', restarted };
  await save(manifest);
  return { id, dir, manifest };
}

/**
 * The other server's file as it was planned: read again, and refused if it changed since,
 * because what was shown (and agreed to) is no longer what would be written.
 */
async function newContent(file: PlannedFile, o: SyncRunOptions): Promise<Buffer> {
  if (file.merge === 'oned-conf' && o.onedConf !== undefined) {
    return Buffer.from(o.onedConf, 'utf8');
  }
  const where = `${o.plan.there.host}:${pathOn(o.plan.there.etc, file)}`;
  const content = await o.remote.readFile(pathOn(o.plan.there.etc, file));
  if (sha256(content) !== file.there!.sha256) {
    throw new OneKitError(
      'HOST_FILE',
      `${where} changed since the plan was made: run serversync again`,
      { file: where },
    );
  }
  return content;
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
