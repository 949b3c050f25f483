// What undoing a sync takes, from its manifest and what is on disk now: copies put back
// with their old mode and owner, added files removed. A file still pending was either not
// touched (no copy yet) or caught between copy and write; its copy decides.
import type { BackupManifest, FileMeta } from './backup-manifest.js';

export type RollbackStep =
  | {
      readonly action: 'restore';
      readonly path: string;
      /** The copy, relative to the backup directory. */
      readonly backup: string;
      readonly meta: FileMeta;
      readonly services: readonly string[];
    }
  | { readonly action: 'remove'; readonly path: string; readonly services: readonly string[] };

export interface RollbackState {
  /** Paths (relative to the backup directory) of the copies that exist. */
  readonly copies: ReadonlySet<string>;
  /** Paths (relative to the configuration directory) of the files that exist now. */
  readonly present: ReadonlySet<string>;
}

export interface RollbackPlan {
  /** Newest change first. */
  readonly steps: readonly RollbackStep[];
  /** Services of the files the steps touch, to try-restart after them. */
  readonly services: readonly string[];
  /** Files the sync changed whose copy is gone: rollback cannot put them back. */
  readonly missing: readonly string[];
}

export function planRollback(manifest: BackupManifest, state: RollbackState): RollbackPlan {
  const steps: RollbackStep[] = [];
  const missing: string[] = [];
  for (const file of [...manifest.files].reverse()) {
    if (file.action === 'add') {
      if (state.present.has(file.path)) {
        steps.push({ action: 'remove', path: file.path, services: file.services });
      }
    } else if (file.backup !== undefined && file.before && state.copies.has(file.backup)) {
      steps.push({
        action: 'restore',
        path: file.path,
        backup: file.backup,
        meta: file.before,
        services: file.services,
      });
    } else if (file.state === 'done') {
      missing.push(file.path);
    }
  }
  return { steps, services: [...new Set(steps.flatMap((s) => s.services))], missing };
}
