// onedb restore: checks as oned's onedb does (the file exists, the daemon is stopped, an
// existing database needs -f unless --federated). A page image restored whole into SQLite
// is copied and checked as a file (image-restore.ts). Otherwise the whole backup is read
// once to check it (format, rows, counts, checksum) before anything is built, loaded into
// a new database (restore-target.ts, rows read from the text or from the image), that
// database checked (row counts, schema versions readable and equal to the backup's) and
// only then swapped in. A truncated or corrupted backup never reaches the live database;
// the error names the file, and the line of a text backup.
import { existsSync } from 'node:fs';
import { OneKitError } from '@onekit/core';
import type { Backend, ColumnValue, DbConfig } from '../storage/index.js';
import { backupError, type BackupKind, type BackupTable } from './backup-format.js';
import { readBackup, readTableRows, type BackupSummary } from './backup-reader.js';
import { whileUnchanged } from './file-unchanged.js';
import { ensureDaemonStopped, type DaemonCheck } from './daemon-check.js';
import { databaseName, openSession } from './db-session.js';
import { federatedLogRenumbering, type LogRowRenumbering } from './federated-log-rows.js';
import { federatedRowFilter, type RowFilter } from './federated-rows.js';
import { isImageBackup, readImageSummary } from './image-reader.js';
import { restoreSqliteImage } from './image-restore.js';
import { openRestoreTarget, type RestoreTarget } from './restore-target.js';
import { PROGRESS_EVERY_ROWS, type BackupProgress } from './take-backup.js';
import { LOCAL_VERSIONS, SHARED_VERSIONS } from './version-rows.js';

export interface RestoreOptions {
  readonly file: string;
  readonly db: DbConfig;
  /** Replace an existing database. */
  readonly force: boolean;
  /**
   * Replace only the federated tables and rows, keeping the local ones. A federated backup
   * is always restored this way.
   */
  readonly federated: boolean;
  readonly daemon: DaemonCheck;
  readonly onProgress?: (progress: BackupProgress) => void;
}

export interface RestoreResult {
  readonly file: string;
  /** What the backup holds. */
  readonly kind: BackupKind;
  /** Whether only the federated tables and rows were replaced. */
  readonly federated: boolean;
  readonly backend: Backend;
  /** The database restored: its file, or `<db> at <server>`. */
  readonly database: string;
  /** Rows restored from the backup, by table. */
  readonly rows: Readonly<Record<string, number>>;
}

const LOG_TABLE = 'logdb';

/** How one table of the backup is loaded. */
interface LoadStep {
  readonly table: BackupTable;
  /** Only these rows are loaded, and the live rows outside it stay. */
  readonly filter?: RowFilter;
}

function loadSteps(summary: BackupSummary, federated: boolean): LoadStep[] {
  if (!federated) return summary.tables.map((table) => ({ table }));
  return summary.tables.flatMap((table): LoadStep[] => {
    if (table.def.scope === 'federated' && table.part === 'all') return [{ table }];
    const filter = federatedRowFilter(table.def.name);
    return filter ? [{ table, filter }] : [];
  });
}

async function databaseExists(db: DbConfig): Promise<boolean> {
  if (db.backend === 'sqlite') return existsSync(db.file);
  // As oned's onedb: a MySQL database "exists" once it holds user 0.
  const session = await openSession(db, { create: false });
  if (!session) return false;
  try {
    if (!(await session.tableNames()).has('user_pool')) return false;
    return (await session.query('SELECT oid FROM user_pool WHERE oid = 0')).length > 0;
  } finally {
    await session.close();
  }
}

function databaseExistsError(db: DbConfig): OneKitError {
  return db.backend === 'sqlite'
    ? new OneKitError('DB_BACKUP', `File ${db.file} exists, use -f to overwrite.`, {
        file: db.file,
        field: 'force',
      })
    : new OneKitError(
        'DB_BACKUP',
        `MySQL database ${db.dbName} at ${db.server} exists, use -f to overwrite.`,
        { field: 'force' },
      );
}

async function load(
  target: RestoreTarget,
  summary: BackupSummary,
  steps: readonly LoadStep[],
  onProgress: RestoreOptions['onProgress'],
): Promise<{ inserted: Map<string, number>; kept: Map<string, number> }> {
  const byName = new Map(steps.map((step) => [step.table.def.name, step]));
  const inserted = new Map<string, number>();
  const kept = new Map<string, number>();
  let renumberLog: LogRowRenumbering | undefined;
  for (const { table, filter } of steps) {
    const { def } = table;
    kept.set(def.name, filter ? await target.keepLocalRows(def, filter) : 0);
    if (!filter) await target.createTable(def);
    inserted.set(def.name, 0);
    // The server's own log stays; the federated records follow it (federated-log-rows.ts).
    if (filter && def.name === LOG_TABLE) {
      renumberLog = federatedLogRenumbering(def, {
        tail: await target.logTail(),
        file: summary.file,
      });
    }
  }
  const row = async (table: BackupTable, values: ColumnValue[]): Promise<void> => {
    const step = byName.get(table.def.name);
    if (!step || (step.filter && !step.filter.matches(table.def, values))) return;
    const rewrite = step.filter && table.def.name === LOG_TABLE ? renumberLog : undefined;
    await target.insert(table.def, rewrite ? rewrite(values) : values);
    const rows = inserted.get(table.def.name)! + 1;
    inserted.set(table.def.name, rows);
    if (rows % PROGRESS_EVERY_ROWS === 0) onProgress?.({ table: table.def.name, rows });
  };
  const concurrency = target.loadConcurrency ?? 1;
  const sections = summary.sections;
  if (concurrency > 1 && sections) {
    // The backup was checked whole: each table's rows are read from where they are, the
    // biggest tables first so that none is left to load alone at the end.
    const bytes = (step: LoadStep) => {
      const section = sections.get(step.table.def.name);
      return section ? section.end - section.start : 0;
    };
    const biggestFirst = [...steps].sort((a, b) => bytes(b) - bytes(a));
    // The sections are not hashed again as they load: a file changed meanwhile is refused.
    await whileUnchanged(summary.file, () =>
      inParallel(biggestFirst, concurrency, async ({ table }) => {
        await readTableRows(summary, table, (values) => row(table, values));
        await target.finishTable?.(table.def);
      }),
    );
  } else {
    let loading: BackupTable | undefined;
    const table = async (next: BackupTable): Promise<void> => {
      if (loading) await target.finishTable?.(loading.def);
      loading = next;
    };
    await readBackup(summary.file, { table, row });
  }
  await target.finishLoad();
  return { inserted, kept };
}

/** Runs `task` on every item, at most `limit` at a time; rejects with the first failure. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      try {
        await task(items[next++]!);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const workers = Array.from({ length: Math.min(limit, items.length) }, worker);
  const results = await Promise.allSettled(workers);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/** The new database holds what was loaded, and its versions are the backup's. */
async function verify(
  target: RestoreTarget,
  summary: BackupSummary,
  counts: { inserted: Map<string, number>; kept: Map<string, number> },
  federated: boolean,
): Promise<void> {
  // A text backup's end line; a page image has none.
  const endRef = { file: summary.file, line: summary.endLine };
  for (const [table, inserted] of counts.inserted) {
    const expected = inserted + counts.kept.get(table)!;
    const found = await target.count(table);
    if (found !== expected) {
      throw backupError(
        endRef,
        `the restored ${table} holds ${found} rows instead of ${expected}`,
        `rows.${table}`,
      );
    }
  }
  const checks = [{ table: SHARED_VERSIONS, version: summary.header.shared, field: 'shared' }];
  if (!federated) {
    checks.push({ table: LOCAL_VERSIONS, version: summary.header.local, field: 'local' });
  }
  for (const check of checks) {
    if (!counts.inserted.has(check.table)) continue;
    const found = (await target.version(check.table)) ?? null;
    if (found !== check.version) {
      throw backupError(
        { file: summary.file, line: summary.version === 1 ? 1 : undefined },
        `the restored ${check.table} reads version ${String(found)}, the backup says ${String(check.version)}`,
        check.field,
      );
    }
  }
}

export async function restoreBackup(o: RestoreOptions): Promise<RestoreResult> {
  if (!existsSync(o.file)) {
    throw new OneKitError(
      'DB_BACKUP',
      `File ${o.file} doesn't exist, backup restoration aborted.`,
      { file: o.file },
    );
  }
  await ensureDaemonStopped(o.daemon);
  if (!o.federated && !o.force && (await databaseExists(o.db))) throw databaseExistsError(o.db);
  if (!o.federated && o.db.backend === 'sqlite' && isImageBackup(o.file)) {
    const image = readImageSummary(o.file);
    await restoreSqliteImage(image, {
      db: o.db,
      ...(o.onProgress && { onProgress: o.onProgress }),
    });
    return {
      file: o.file,
      kind: 'full',
      federated: false,
      backend: 'sqlite',
      database: databaseName(o.db),
      rows: image.facts.rows,
    };
  }
  const summary = await readBackup(o.file);
  const federated = o.federated || summary.header.kind === 'federated';
  const steps = loadSteps(summary, federated);
  const target = await openRestoreTarget(o.db, { fromLive: federated });
  try {
    const counts = await load(target, summary, steps, o.onProgress);
    await verify(target, summary, counts, federated);
    await target.swap();
    return {
      file: o.file,
      kind: summary.header.kind,
      federated,
      backend: o.db.backend,
      database: databaseName(o.db),
      rows: Object.fromEntries(counts.inserted),
    };
  } catch (err) {
    await target.discard();
    throw err;
  }
}
