// onedb backup: one consistent snapshot of every table the backup takes, written to a
// OneKit backup file (backup-format.ts) while the daemon goes on running and writing.
// A full backup of SQLite is a page image (image-backup.ts); the others are text
// (version 1), read in a deferred read transaction on a connection of their own (SQLite:
// WAL mode lets the daemon write meanwhile) or START TRANSACTION WITH CONSISTENT SNAPSHOT
// (MySQL).
import { existsSync } from 'node:fs';
import type { Backend, DbConfig } from '../storage/index.js';
import type { BackupKind } from './backup-format.js';
import { BackupWriter, backupExists } from './backup-writer.js';
import { takeImageBackup } from './image-backup.js';
import type { ImageProgress } from './image-copy.js';
import { databaseMissing, databaseName, openSession, type DbSession } from './db-session.js';
import { backupTables, federatedRowFilter } from './federated-rows.js';
import { currentVersion, LOCAL_VERSIONS, SHARED_VERSIONS } from './version-rows.js';

/** Rows between two progress reports of one table. */
export const PROGRESS_EVERY_ROWS = 10_000;

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

async function beginSnapshot(session: DbSession): Promise<void> {
  if (session.backend === 'sqlite') {
    await session.run('BEGIN');
    return;
  }
  await session.run('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
  await session.run('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
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

/** A backup in the text format (version 1), whatever the backend and kind. */
export async function takeTextBackup(o: BackupOptions): Promise<BackupResult> {
  if (!o.force && existsSync(o.file)) throw backupExists(o.file);
  const session = await openSession(o.db, { create: false, readonly: true });
  if (!session) throw databaseMissing(o.db);
  try {
    await beginSnapshot(session);
    // In SQLite the snapshot starts at this first read; everything below reads the same state.
    const existing = await session.tableNames();
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
      for (const table of backupTables(o.kind, existing)) {
        await nextTurn();
        writer.table(table);
        const columns = table.def.columns.map((c) => session.quote(c.name)).join(', ');
        const filter = table.part === 'federated' ? federatedRowFilter(table.def.name) : undefined;
        const where = filter ? ` WHERE ${filter.sql}` : '';
        const order = table.def.primaryKey.map(session.quote).join(', ');
        const sql = `SELECT ${columns} FROM ${session.quote(table.def.name)}${where} ORDER BY ${order}`;
        let rows = 0;
        for await (const values of session.stream(sql, filter?.params ?? [])) {
          if (!writer.row(values)) await writer.drained();
          if (++rows % PROGRESS_EVERY_ROWS === 0) o.onProgress?.({ table: table.def.name, rows });
          if (rows % ROWS_PER_TURN === 0) await nextTurn();
        }
      }
      await session.run('COMMIT');
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
    await session.close();
  }
}
