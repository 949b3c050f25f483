// onedb restore of a page image into SQLite: the image is copied beside the live database
// (`<file>.onedb-restore`) while its SHA-256 is checked, then opened and checked (SQLite's
// quick_check, every table of the facts there with its row count, the schema versions of
// the facts), and only then renamed over the live file. A damaged image never gets past
// the copy or the checks; the live file is untouched until the rename.
import { closeSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SqliteConfig } from '../storage/index.js';
import { backupError } from './backup-format.js';
import type { DbSession } from './db-session.js';
import { verifyImage, type ImageSummary } from './image-reader.js';
import type { ImageProgress } from './image-copy.js';
import { removeWithJournals, restoreFileOf, swapSqliteFile } from './sqlite-file-swap.js';
import { openSqliteSession } from './sqlite-session.js';
import { currentVersion, LOCAL_VERSIONS, SHARED_VERSIONS } from './version-rows.js';

export interface ImageRestoreOptions {
  readonly db: SqliteConfig;
  readonly onProgress?: (progress: ImageProgress) => void;
}

/** The restored file holds what the facts say; errors name the backup file. */
async function checkRestored(session: DbSession, image: ImageSummary): Promise<void> {
  const ref = { file: image.file };
  const problems = await session.query('PRAGMA quick_check');
  const first = String(Object.values(problems[0] ?? {})[0] ?? 'no answer');
  if (problems.length !== 1 || first !== 'ok') {
    throw backupError(ref, `the image does not pass SQLite's quick_check: ${first}`, 'image');
  }
  const existing = await session.tableNames();
  for (const [table, expected] of Object.entries(image.facts.rows)) {
    if (!existing.has(table)) {
      throw backupError(ref, `the image has no table ${table}`, `rows.${table}`);
    }
    const [row] = await session.query(`SELECT COUNT(*) AS n FROM ${session.quote(table)}`);
    if (Number(row!.n) !== expected) {
      throw backupError(
        ref,
        `the image holds ${String(row!.n)} rows of ${table} instead of ${expected}`,
        `rows.${table}`,
      );
    }
  }
  const versions = [
    { table: SHARED_VERSIONS, version: image.facts.shared, field: 'shared' },
    { table: LOCAL_VERSIONS, version: image.facts.local, field: 'local' },
  ];
  for (const check of versions) {
    const found = existing.has(check.table)
      ? ((await currentVersion(session, check.table))?.version ?? null)
      : null;
    if (found !== check.version) {
      throw backupError(
        ref,
        `the image's ${check.table} reads version ${String(found)}, its facts say ${String(check.version)}`,
        check.field,
      );
    }
  }
}

/** Restores a page image whose trailer and facts were read; resolves once it is in place. */
export async function restoreSqliteImage(
  image: ImageSummary,
  o: ImageRestoreOptions,
): Promise<void> {
  const file = o.db.file;
  const temp = restoreFileOf(file);
  removeWithJournals(temp);
  mkdirSync(dirname(file), { recursive: true });
  let fd: number | undefined = openSync(temp, 'w', 0o644);
  try {
    await verifyImage(image, {
      copyTo: { fd, file: temp },
      ...(o.onProgress && { onProgress: o.onProgress }),
    });
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    const session = (await openSqliteSession(temp, { create: false, readonly: true }))!;
    try {
      await checkRestored(session, image);
    } finally {
      await session.close();
    }
    await swapSqliteFile(temp, file);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    removeWithJournals(temp);
    throw err;
  }
}
