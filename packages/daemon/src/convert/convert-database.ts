// onedb sqlite2mysql and mysql2sqlite: copies every table of OneKit's schema from one
// database into another of the other backend. The copy is built where the live target
// cannot see it (a new SQLite file beside the target, or MySQL tables under a temporary
// name: backup/restore-target.ts), checked table by table (row count and checksum against
// the source) and only then swapped in, so an interrupted run leaves the target as it was.
import { existsSync } from 'node:fs';
import { OneKitError } from '@onekit/core';
import {
  ensureDaemonStopped,
  takeBackup,
  type DaemonCheck,
  type TableProgress,
} from '../backup/index.js';
import {
  databaseMissing,
  databaseName,
  openSession,
  type DbSession,
} from '../backup/db-session.js';
import { openRestoreTarget, type RestoreTarget } from '../backup/restore-target.js';
import { PROGRESS_EVERY_ROWS } from '../backup/take-backup.js';
import { tables, type Backend, type DbConfig, type TableDef } from '../storage/index.js';
import { requireReleaseVersions } from './release-versions.js';
import { TableChecksum } from './table-checksum.js';

export interface ConvertOptions {
  readonly from: DbConfig;
  readonly to: DbConfig;
  /** Replace a target that holds tables (-f). */
  readonly force: boolean;
  /** Back up a target that is replaced to this file first (-b); `force` replaces the file. */
  readonly backup?: { readonly file: string; readonly force: boolean };
  readonly daemon: DaemonCheck;
  readonly clock: () => Date;
  readonly onProgress?: (progress: TableProgress) => void;
  /** Rows between two progress reports of a table. */
  readonly progressEvery?: number;
}

export interface TableCopy {
  readonly rows: number;
  /** The order-independent checksum both copies agreed on. */
  readonly checksum: string;
}

export interface ConvertResult {
  readonly from: { readonly backend: Backend; readonly database: string };
  readonly to: { readonly backend: Backend; readonly database: string };
  readonly tables: Readonly<Record<string, TableCopy>>;
  /** Tables of the source that are not OneKit's, left behind. */
  readonly skipped: readonly string[];
  /** The backup of the replaced target, when one was taken. */
  readonly backup?: string;
}

function copyError(message: string, field: string): OneKitError {
  return new OneKitError('DB_COPY', message, { field });
}

/** Whether the target holds any table (SQLite: a file with tables). */
async function targetHoldsTables(db: DbConfig): Promise<boolean> {
  if (db.backend === 'sqlite' && !existsSync(db.file)) return false;
  const session = await openSession(db, { create: false, readonly: true });
  if (!session) return false;
  try {
    return (await session.tableNames()).size > 0;
  } finally {
    await session.close();
  }
}

async function copyTable(
  source: DbSession,
  target: RestoreTarget,
  def: TableDef,
  o: ConvertOptions,
): Promise<TableChecksum> {
  const every = o.progressEvery ?? PROGRESS_EVERY_ROWS;
  const checksum = new TableChecksum();
  await target.createTable(def);
  const columns = def.columns.map((c) => source.quote(c.name)).join(', ');
  for await (const values of source.stream(`SELECT ${columns} FROM ${source.quote(def.name)}`)) {
    await target.insert(def, values);
    checksum.add(values);
    if (checksum.rows % every === 0) o.onProgress?.({ table: def.name, rows: checksum.rows });
  }
  return checksum;
}

async function verifyTable(
  target: RestoreTarget,
  def: TableDef,
  expected: TableChecksum,
): Promise<void> {
  const found = new TableChecksum();
  for await (const values of target.rows(def)) found.add(values);
  if (found.rows !== expected.rows || found.hex !== expected.hex) {
    throw copyError(
      `the copy of ${def.name} holds ${found.rows} rows (checksum ${found.hex}), ` +
        `the source ${expected.rows} (checksum ${expected.hex})`,
      def.name,
    );
  }
}

export async function convertDatabase(o: ConvertOptions): Promise<ConvertResult> {
  await ensureDaemonStopped(o.daemon);
  const source = await openSession(o.from, { create: false, readonly: true });
  if (!source) throw databaseMissing(o.from);
  try {
    const existing = await source.tableNames();
    await requireReleaseVersions(source, 'source');
    let backup: string | undefined;
    if (await targetHoldsTables(o.to)) {
      if (!o.force) {
        throw copyError(`${databaseName(o.to)} is not empty, use -f to replace it`, 'force');
      }
      if (o.backup) {
        const taken = await takeBackup({ db: o.to, ...o.backup, kind: 'full', clock: o.clock });
        backup = taken.file;
      }
    }
    const defs = tables.filter((t) => existing.has(t.name));
    const known = new Set(tables.map((t) => t.name));
    const skipped = [...existing].filter((n) => !known.has(n) && !n.startsWith('sqlite_')).sort();
    const target = await openRestoreTarget(o.to, { fromLive: false });
    try {
      const sums = new Map<string, TableChecksum>();
      for (const def of defs) sums.set(def.name, await copyTable(source, target, def, o));
      await target.finishLoad();
      for (const def of defs) await verifyTable(target, def, sums.get(def.name)!);
      await target.swap();
      return {
        from: { backend: o.from.backend, database: databaseName(o.from) },
        to: { backend: o.to.backend, database: databaseName(o.to) },
        tables: Object.fromEntries(
          [...sums].map(([name, sum]) => [name, { rows: sum.rows, checksum: sum.hex }]),
        ),
        skipped,
        ...(backup !== undefined && { backup }),
      };
    } catch (err) {
      await target.discard();
      throw err;
    }
  } finally {
    await source.close();
  }
}
