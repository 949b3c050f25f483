// serversync's text output: the per-file status table, the diffs, what a sync did and how
// to undo it, the backups of this host.
import { renderTable, type TableColumn, type TableOptions } from '../table/index.js';
import type { RestartRecord } from './backup-manifest.js';
import { colorDiff } from './diff-render.js';
import type { PlannedFile, SyncPlan } from './plan.js';
import type { RollbackStep } from './rollback-plan.js';
import type { BackupSummary, RollbackOutcome } from './rollback-run.js';
import type { ServerSyncResult } from './server-sync.js';
import type { SyncEvent } from './sync-run.js';

export interface RenderOptions {
  /** Colour for a terminal (bold headers, coloured diffs). */
  readonly color: boolean;
  /** The executable, for the undo hint (`onezone`). */
  readonly bin: string;
}

/** The word a plan shows for what happens to a file. */
export function actionWord(file: PlannedFile): string {
  switch (file.action) {
    case 'none':
      return '-';
    case 'write':
      return file.here ? 'replace' : 'add';
    default:
      return file.action;
  }
}

const fileColumns: TableColumn<PlannedFile>[] = [
  {
    name: 'STATUS',
    description: 'same, differs, only-here, only-there, mode-differs, owner-differs',
    size: 10,
    left: true,
    adjust: true,
    value: (f) => f.status.join(','),
  },
  {
    name: 'ACTION',
    description: 'What a sync does: replace, add, remove, keep, skip, or - for nothing',
    size: 7,
    left: true,
    adjust: true,
    value: actionWord,
  },
  {
    name: 'FILE',
    description: 'Path below the configuration directory',
    size: 4,
    left: true,
    adjust: true,
    value: (f) => f.path,
  },
];

/** The status table, one row per synced file. */
export function renderPlanTable(files: readonly PlannedFile[], options: RenderOptions): string {
  const table: TableOptions = { color: options.color };
  return renderTable(files, { columns: fileColumns }, table);
}

/** The plan as a person previews it (also shown before a sync asks to go on). */
export function renderPlan(plan: SyncPlan, options: RenderOptions): string {
  let text = renderPlanTable(plan.files, options);
  text += plan.inSync
    ? `\nIn sync with ${plan.server}.\n`
    : `\nServices to try-restart: ${plan.services.join(', ') || 'none'}\n`;
  return text;
}

export function renderServerSync(result: ServerSyncResult, options: RenderOptions): string {
  if (result.kind === 'preview') {
    const diffs = (result.diffs ?? [])
      .map((d) => (options.color ? colorDiff(d.diff) : d.diff))
      .join('');
    return renderPlan(result.plan, options) + (diffs === '' ? '' : `\n${diffs}`);
  }
  const database = result.database
    ? [
        `Database replaced by the server's (copy: ${result.database.copy}).`,
        `This host's database was saved to ${result.database.saved}; to put it back: onedb restore -f ${result.database.saved}`,
        '',
      ].join('\n')
    : '';
  if (!result.sync) {
    return database || 'Everything seems synchronized, nothing was replaced.\n';
  }
  const { id, dir, manifest } = result.sync;
  const changed = result.plan.files.filter((f) => manifest.files.some((m) => m.path === f.path));
  const links = result.plan.files.filter((f) => f.action === 'skip').map((f) => f.path);
  return (
    [
      renderPlanTable(changed, options),
      '',
      ...(links.length > 0 ? [`Not synced (symbolic links): ${links.join(', ')}`] : []),
      `Services try-restarted: ${renderRestarts(manifest.restarted ?? [])}`,
      `Backup: ${dir}`,
      `To undo: ${options.bin} serversync --rollback ${id}`,
      '',
    ].join('\n') + database
  );
}

export function renderRestarts(restarts: readonly RestartRecord[]): string {
  if (restarts.length === 0) return 'none';
  return restarts
    .map((r) =>
      r.error !== undefined
        ? `${r.service} (failed: ${r.error})`
        : `${r.service} (${r.active ? 'running' : 'not running'})`,
    )
    .join(', ');
}

export function renderRollback(outcome: RollbackOutcome): string {
  const lines = outcome.steps.map((s) =>
    s.action === 'restore' ? `restored ${s.path}` : `removed ${s.path}`,
  );
  if (lines.length === 0) lines.push('Nothing to undo: the sync changed no file.');
  lines.push(`Services try-restarted: ${renderRestarts(outcome.restarted)}`);
  return `${lines.join('\n')}\n`;
}

const backupColumns: TableColumn<BackupSummary>[] = [
  { name: 'ID', description: 'Backup id (--rollback)', size: 23, left: true, value: (b) => b.id },
  {
    name: 'CREATED',
    description: 'When the sync started (UTC)',
    size: 20,
    left: true,
    value: (b) => b.created.replace(/\.\d+Z$/, 'Z'),
  },
  {
    name: 'SERVER',
    description: 'The server synced from',
    size: 15,
    left: true,
    adjust: true,
    value: (b) => b.server,
  },
  {
    name: 'STATE',
    description: 'running (stopped before the end), complete, rolled-back',
    size: 11,
    left: true,
    value: (b) => b.state,
  },
  {
    name: 'FILES',
    description: 'Files changed of those planned',
    size: 5,
    value: (b) => `${b.changed}/${b.planned}`,
  },
];

export function renderBackups(backups: readonly BackupSummary[], options: RenderOptions): string {
  if (backups.length === 0) return 'No serversync backups on this host.\n';
  return renderTable(backups, { columns: backupColumns }, { color: options.color });
}

/** A progress line (stderr) for a step of a sync. */
export function syncEventLine(event: SyncEvent): string {
  switch (event.kind) {
    case 'backup':
      return `Backing up into ${event.dir}\n`;
    case 'file': {
      const verb = { replace: 'Replaced', add: 'Added', remove: 'Removed' }[event.file.action];
      return `${verb} ${event.file.path}\n`;
    }
    case 'restart':
      return `Try-restarting ${event.service}\n`;
  }
}

/** A progress line (stderr) for a step of a rollback. */
export function rollbackStepLine(step: RollbackStep): string {
  return `${step.action === 'restore' ? 'Restoring' : 'Removing'} ${step.path}\n`;
}
