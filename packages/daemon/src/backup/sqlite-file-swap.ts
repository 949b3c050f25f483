// Putting a new SQLite file in place of a live one, as restores and copies do: the new file
// is built beside the target (`<file>.onedb-restore`), synced, and renamed over it, so the
// live file stays whole until the rename, which is atomic.
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { isOneKitError } from '@onekit/core';
import { syncDirectory } from './backup-writer.js';
import { openSqliteSession } from './sqlite-session.js';

const JOURNALS = ['-journal', '-wal', '-shm'];

/** Where a restore builds the new file of `file`. */
export function restoreFileOf(file: string): string {
  return `${file}.onedb-restore`;
}

export function removeWithJournals(file: string): void {
  for (const suffix of ['', ...JOURNALS]) rmSync(file + suffix, { force: true });
}

export function syncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Folds the live file's WAL into it before the WAL is removed, so that a crash before the
 * rename loses nothing. A live file SQLite cannot read is replaced as it is.
 */
async function foldWal(file: string): Promise<void> {
  try {
    const live = await openSqliteSession(file, { create: false });
    try {
      await live?.query('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      await live?.close();
    }
  } catch (err) {
    if (!isOneKitError(err, 'STORAGE')) throw err;
  }
}

/** Renames the closed file `temp` over `file`, with the live file's permissions. */
export async function swapSqliteFile(temp: string, file: string): Promise<void> {
  syncFile(temp);
  if (existsSync(file)) {
    await foldWal(file);
    chmodSync(temp, statSync(file).mode & 0o777);
  }
  // A WAL must never outlive the file it belongs to: the new file would replay it.
  for (const suffix of JOURNALS) rmSync(file + suffix, { force: true });
  renameSync(temp, file);
  syncDirectory(dirname(file));
}
