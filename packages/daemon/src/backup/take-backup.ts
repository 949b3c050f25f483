// onedb backup: one consistent snapshot of every table the backup takes, written to a
// OneKit backup file (backup-format.ts) while the daemon goes on running and writing.
// A full backup of SQLite is a page image (image-backup.ts); the others are text
// (version 1), read in a deferred read transaction on a connection of their own (SQLite:
// WAL mode lets the daemon write meanwhile) or START TRANSACTION WITH CONSISTENT SNAPSHOT
// (MySQL), on several connections sharing one snapshot where the server lets them
// (mysql-shared-snapshot.ts, parallel-tables.ts).
import { existsSync } from 'node:fs';
import type { Backend, DbConfig } from '../storage/index.js';
import type { BackupKind } from './backup-format.js';
import { BackupWriter, backupExists, partialFileOf } from './backup-writer.js';
import { takeImageBackup } from './image-backup.js';
import type { ImageProgress } from './image-copy.js';
import {
  beginSnapshot,
  databaseMissing,
  databaseName,
  openSession,
  type DbSession,
} from './db-session.js';
import { backupTables, federatedRowFilter } from './federated-rows.js';
import { writeTables, type TableReading } from './parallel-tables.js';
import { planSlices } from './table-slices.js';
import { currentVersion, LOCAL_VERSIONS, SHARED_VERSIONS } from './version-rows.js';

/** Rows between two progress reports of one table. */
export const PROGRESS_EVERY_ROWS = 10_000;

/**
 * Connections that read a MySQL backup's tables at once (table-slices.ts): the server waits
 * for its disk between pages, and the other connections fill those waits. Measured on this
 * 2-core host, 844 MB: one connection 7.3-9.4 s, two 6.5-7.7 s, three 6.3-7.2 s.
 */
const MYSQL_READERS = 3;

/** Rows read between two turns of the event loop. */
const ROWS_PER_TURN = 1000;

/**
 * Lets the process serve its other work (a spinner, signals, sockets) during a long read:
 * SQLite reads are synchronous, and a snapshot may be read for a while.
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface TableProgress {
  readonly table: string;
  /** Rows of the table done so far. */
  readonly rows: number;
}

/** How far a backup or restore is: rows of a table, or bytes of a page image. */
export type BackupProgress = TableProgress | ImageProgress;

export interface BackupOptions {
  readonly db: DbConfig;
  /** The file to write (absolute, so that messages and scripts can use it as is). */
  readonly file: string;
  /** Replace an existing file. */
  readonly force: boolean;
  readonly kind: BackupKind;
  readonly clock: () => Date;
  /**
   * Called every PROGRESS_EVERY_ROWS rows of a table, or PROGRESS_EVERY_BYTES bytes of an
   * image: big databases take a while.
   */
  readonly onProgress?: (progress: BackupProgress) => void;
}

export interface BackupResult {
  readonly file: string;
  readonly kind: BackupKind;
  readonly backend: Backend;
  /** The database backed up: its file, or `<db> at <server>`. */
  readonly database: string;
  readonly shared: string | null;
  readonly local: string | null;
  readonly rows: Readonly<Record<string, number>>;
  readonly sha256: string;
}

async function versionOf(
  session: DbSession,
  existing: ReadonlySet<string>,
  table: string,
): Promise<string | null> {
  if (!existing.has(table)) return null;
  return (await currentVersion(session, table))?.version ?? null;
}

export async function takeBackup(o: BackupOptions): Promise<BackupResult> {
  if (o.db.backend === 'sqlite' && o.kind === 'full') return takeImageBackup(o, o.db);
  return takeTextBackup(o);
}

/** Reads the rows of one slice of the snapshot into a sink, in primary key order. */
function tableReading(o: BackupOptions): TableReading {
  /** Rows of each table read so far, whichever slices they were in. */
  const tableRows = new Map<string, { rows: number }>();
  return {
    async read(session, { table, range }, sink, stopped) {
      const name = table.def.name;
      const columns = table.def.columns.map((c) => session.quote(c.name)).join(', ');
      const filter = table.part === 'federated' ? federatedRowFilter(name) : undefined;
      const conditions = [filter?.sql, range].filter(Boolean);
      const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
      const order = table.def.primaryKey.map(session.quote).join(', ');
      const sql = `SELECT ${columns} FROM ${session.quote(name)}${where} ORDER BY ${order}`;
      const read = tableRows.get(name) ?? { rows: 0 };
      tableRows.set(name, read);
      let rows = 0;
      await nextTurn();
      for await (const values of session.stream(sql, filter?.params ?? [])) {
        if (!sink.row(values)) await sink.drained();
        if (++read.rows % PROGRESS_EVERY_ROWS === 0)
          o.onProgress?.({ table: name, rows: read.rows });
        rows++;
        if (rows % ROWS_PER_TURN === 0) {
          await nextTurn();
          if (stopped()) throw new Error('stopped: another table failed');
        }
      }
    },
    spoolFile: (index) => `${partialFileOf(o.file)}.${index}`,
  };
}

/**
 * The sessions that read the backup, all in one snapshot: `first` alone, or with more
 * connections where the database lets them share it (mysql-shared-snapshot.ts).
 */
async function snapshotReaders(
  o: BackupOptions,
  first: DbSession,
  count: number,
): Promise<{ readers: DbSession[]; existing: Set<string> }> {
  if (o.db.backend === 'sqlite') {
    await beginSnapshot(first);
    // In SQLite the snapshot starts at this first read.
    return { readers: [first], existing: await first.tableNames() };
  }
  const existing = await first.tableNames();
  // Every table the backup reads, the version tables of its header included.
  const tables = [
    ...new Set([
      ...backupTables(o.kind, existing).map((t) => t.def.name),
      ...[SHARED_VERSIONS, LOCAL_VERSIONS].filter((t) => existing.has(t)),
    ]),
  ];
  const { shareSnapshot } = await import('./mysql-shared-snapshot.js');
  const others: DbSession[] = [];
  try {
    for (let i = 1; i < count && i < tables.length; i++) {
      others.push((await openSession(o.db, { create: false }))!);
    }
    if (others.length > 0 && (await shareSnapshot(o.db, tables, [first, ...others]))) {
      return { readers: [first, ...others], existing };
    }
  } catch (err) {
    await Promise.allSettled(others.map((s) => s.close()));
    throw err;
  }
  await Promise.allSettled(others.map((s) => s.close()));
  await beginSnapshot(first);
  return { readers: [first], existing };
}

/** How a MySQL backup reads; tests and benchmarks set what the defaults leave alone. */
export interface ReadTuning {
  /** Connections that read at once (default MYSQL_READERS). */
  readonly readers?: number;
  /** Tables at least this big are read in slices (default SPLIT_FROM_BYTES). */
  readonly splitFromBytes?: number;
}

/** A backup in the text format (version 1), whatever the backend and kind. */
export async function takeTextBackup(
  o: BackupOptions,
  tuning: ReadTuning = {},
): Promise<BackupResult> {
  if (!o.force && existsSync(o.file)) throw backupExists(o.file);
  const session = await openSession(o.db, { create: false, readonly: true });
  if (!session) throw databaseMissing(o.db);
  let readers = [session];
  try {
    const snapshot = await snapshotReaders(o, session, tuning.readers ?? MYSQL_READERS);
    readers = snapshot.readers;
    const { existing } = snapshot;
    const header = {
      kind: o.kind,
      backend: session.backend,
      shared: await versionOf(session, existing, SHARED_VERSIONS),
      local: o.kind === 'full' ? await versionOf(session, existing, LOCAL_VERSIONS) : null,
      created: o.clock().toISOString(),
    };
    const writer = BackupWriter.create(o.file, { force: o.force });
    try {
      writer.header(header);
      const tables = backupTables(o.kind, existing);
      const slices = await planSlices(session, tables, readers.length, tuning.splitFromBytes);
      await writeTables(writer, readers, slices, tableReading(o));
      for (const reader of readers) await reader.run('COMMIT');
      const finished = await writer.finish();
      return {
        file: o.file,
        kind: o.kind,
        backend: session.backend,
        database: databaseName(o.db),
        shared: header.shared,
        local: header.local,
        rows: finished.rows,
        sha256: finished.sha256,
      };
    } catch (err) {
      await writer.abort();
      throw err;
    }
  } finally {
    await Promise.allSettled(readers.map((reader) => reader.close()));
  }
}
