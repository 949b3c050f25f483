// One consistent snapshot of a live SQLite database, copied page for page into a backup
// file while the daemon goes on writing. Two ways, the first when the database allows it:
//
// - File copy. Once every committed WAL frame is checkpointed into the database file, a read
//   transaction started then reads the file alone, and no checkpoint copies a frame past
//   the snapshot of a reader that is still open: the file's pages stay those of the
//   snapshot until the transaction ends, and are copied with plain reads. To know that no
//   commit slipped in between the checkpoint and the start of the snapshot, both happen
//   while a second connection holds the write lock (BEGIN IMMEDIATE); the daemon's writers
//   wait only for that checkpoint, never for the copy. In rollback-journal mode the read
//   transaction alone keeps writers out of the file.
// - SQLite's online backup API, when the checkpoint cannot complete (a reader still holds an
//   older snapshot) or the file cannot be written: in steps, inside a read transaction of
//   the copying connection's own, so that every step reads the same snapshot and a write of
//   the daemon never restarts the copy.
//
// Either way the image is marked a rollback-journal database (header bytes 18-19), so that
// it opens without a WAL of its own.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Hash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { OneKitError } from '@onekit/core';
import type { DbSession } from './db-session.js';
import { hashAndCopy, type ImageProgress } from './image-copy.js';
import { BUSY_TIMEOUT_MS, sqliteSessionOf } from './sqlite-session.js';

/** Pages the backup API copies per step (16 MB of 4 KB pages). */
const BACKUP_STEP_PAGES = 4096;
/** Lets the source be read through memory maps (SQLite's limit in this build). */
const MMAP_BYTES = 0x7fff0000;
/** Header bytes 18-19: file format write and read versions; 1 is rollback journal, 2 WAL. */
const VERSION_BYTES_AT = 18;

export type SnapshotWay = 'file-copy' | 'backup-api';

export interface ImageCopy {
  /** The open file the image goes to, from its start. */
  readonly fd: number;
  /** Its name (the backup API opens the file itself). */
  readonly file: string;
  /** Every byte of the image goes through it, in order. */
  readonly hash: Hash;
  readonly onProgress?: (progress: ImageProgress) => void;
}

export interface ImageSnapshot {
  readonly way: SnapshotWay;
  /** Reads the snapshot (until end()). */
  readonly session: DbSession;
  /** Copies the snapshot's pages to `to`; resolves to the bytes of the image. */
  copy(to: ImageCopy): Promise<number>;
  /** Ends the read transaction and closes the connection; again, does nothing. */
  close(): Promise<void>;
}

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

function writeAll(fd: number, bytes: Buffer, position: number): void {
  for (let offset = 0; offset < bytes.length;) {
    offset += writeSync(fd, bytes, offset, bytes.length - offset, position + offset);
  }
}

/** Marks the image (whose first bytes `chunk` holds) a rollback-journal database. */
function markRollbackJournal(chunk: Buffer): void {
  chunk[VERSION_BYTES_AT] = 1;
  chunk[VERSION_BYTES_AT + 1] = 1;
}

function pragmaNumber(connection: BetterSqlite3.Database, name: string): number {
  return Number(connection.pragma(name, { simple: true }));
}

function openForReading(file: string): number {
  try {
    return openSync(file, 'r');
  } catch (err) {
    throw new OneKitError('STORAGE', `cannot open ${file}`, { file }, { cause: err });
  }
}

function endedAt(file: string, bytes: number): (position: number) => Error {
  return (position) =>
    new OneKitError('STORAGE', `${file} ended at byte ${position} of ${bytes}`, { file });
}

/** Starts the read transaction: in SQLite the snapshot is taken at the first read. */
function beginRead(connection: BetterSqlite3.Database): void {
  connection.exec('BEGIN');
  connection.prepare('SELECT COUNT(*) FROM sqlite_master').get();
}

class Snapshot implements ImageSnapshot {
  readonly session: DbSession;

  constructor(
    readonly way: SnapshotWay,
    private readonly file: string,
    private readonly connection: BetterSqlite3.Database,
  ) {
    this.session = sqliteSessionOf(connection);
  }

  private imageBytes(): number {
    return pragmaNumber(this.connection, 'page_size') * pragmaNumber(this.connection, 'page_count');
  }

  async copy(to: ImageCopy): Promise<number> {
    const bytes = this.imageBytes();
    const progress = to.onProgress && { total: bytes, report: to.onProgress };
    if (this.way === 'file-copy') {
      const from = openForReading(this.file);
      try {
        await hashAndCopy({
          from,
          bytes,
          hash: to.hash,
          to: { fd: to.fd, file: to.file, bytes, direct: true },
          patch: (chunk, position) => {
            if (position === 0) markRollbackJournal(chunk);
          },
          ...(progress && { progress }),
          endedAt: endedAt(this.file, bytes),
        });
      } finally {
        closeSync(from);
      }
      return bytes;
    }
    await this.connection.backup(to.file, {
      progress: ({ totalPages, remainingPages }) => {
        const done = (totalPages - remainingPages) * (bytes / totalPages);
        if (done > 0) to.onProgress?.({ bytes: done, total: bytes });
        return BACKUP_STEP_PAGES;
      },
    });
    const version = Buffer.from([1, 1]);
    writeAll(to.fd, version, VERSION_BYTES_AT);
    // A second pass: SQLite wrote the pages, in its own order.
    await hashAndCopy({ from: to.fd, bytes, hash: to.hash, endedAt: endedAt(to.file, bytes) });
    return bytes;
  }

  async close(): Promise<void> {
    if (!this.connection.open) return;
    if (this.connection.inTransaction) this.connection.exec('COMMIT');
    this.connection.close();
  }
}

/** Whether the error says the lock or the checkpoint is not to be had now, or not at all. */
function cannotLock(err: unknown): boolean {
  const code = sqliteCode(err);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_READONLY');
}

/**
 * Checkpoints every committed frame and starts `reader`'s snapshot while no commit can
 * happen; false when the checkpoint could not copy every frame or the lock was refused.
 */
function snapshotOfFile(file: string, reader: BetterSqlite3.Database): boolean {
  let lock: BetterSqlite3.Database | undefined;
  try {
    lock = new BetterSqlite3(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    lock.exec('BEGIN IMMEDIATE');
    const [result] = reader.pragma('wal_checkpoint(PASSIVE)') as {
      busy: number;
      log: number;
      checkpointed: number;
    }[];
    if (!result || result.busy !== 0 || result.log !== result.checkpointed) return false;
    beginRead(reader);
    return true;
  } catch (err) {
    if (cannotLock(err)) return false;
    throw err;
  } finally {
    if (lock?.inTransaction) lock.exec('ROLLBACK');
    lock?.close();
  }
}

function open(file: string, o: { readonly readonly: boolean }): BetterSqlite3.Database {
  try {
    return new BetterSqlite3(file, {
      fileMustExist: true,
      readonly: o.readonly,
      timeout: BUSY_TIMEOUT_MS,
    });
  } catch (err) {
    throw new OneKitError('STORAGE', `cannot open ${file}`, { file }, { cause: err });
  }
}

/** A snapshot of the SQLite database `file` (which must exist), ready to copy. */
export function openImageSnapshot(file: string): ImageSnapshot {
  const reader = open(file, { readonly: false });
  try {
    const mode = String(reader.pragma('journal_mode', { simple: true }));
    if (mode !== 'wal') {
      beginRead(reader);
      return new Snapshot('file-copy', file, reader);
    }
    if (snapshotOfFile(file, reader)) return new Snapshot('file-copy', file, reader);
  } catch (err) {
    reader.close();
    throw err;
  }
  reader.close();
  const source = open(file, { readonly: true });
  try {
    source.pragma(`mmap_size = ${MMAP_BYTES}`);
    beginRead(source);
  } catch (err) {
    source.close();
    throw err;
  }
  return new Snapshot('backup-api', file, source);
}
