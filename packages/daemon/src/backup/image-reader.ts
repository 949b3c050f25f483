// Reads a version 2 backup (a page image, see backup-format.ts): the trailer and the facts
// first, which cost a few reads; then the SHA-256 of the image and the facts, in one pass
// that can also copy the image out; and the rows of the image, for restores that load rows
// (into MySQL, or only the federated part). Errors are DB_BACKUP with the file.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { OneKitError } from '@onekit/core';
import { findTable } from '../storage/index.js';
import { backupError, type BackupTable } from './backup-format.js';
import type { BackupVisitor } from './backup-reader.js';
import { openSqliteSession } from './sqlite-session.js';
import {
  decodeTrailer,
  parseFacts,
  SQLITE_HEADER,
  TRAILER_BYTES,
  type ImageFacts,
  type ImageTrailer,
} from './image-trailer.js';
import { hashAndCopy, type ImageProgress } from './image-copy.js';

export interface ImageSummary {
  readonly file: string;
  readonly trailer: ImageTrailer;
  readonly facts: ImageFacts;
  /** The OneKit tables of the image, in schema order. */
  readonly tables: readonly BackupTable[];
}

function hostFileError(file: string, err: unknown): OneKitError {
  return new OneKitError('HOST_FILE', `cannot read ${file}`, { file }, { cause: err });
}

function openForReading(file: string): number {
  try {
    return openSync(file, 'r');
  } catch (err) {
    throw hostFileError(file, err);
  }
}

function readAt(fd: number, bytes: number, position: number): Buffer {
  const buffer = Buffer.alloc(bytes);
  let done = 0;
  while (done < bytes) {
    const read = readSync(fd, buffer, done, bytes - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}

/** Whether `file` starts as a page image does (a text backup starts with "{"). */
export function isImageBackup(file: string): boolean {
  const fd = openForReading(file);
  try {
    return readAt(fd, SQLITE_HEADER.length, 0).equals(SQLITE_HEADER);
  } catch (err) {
    throw hostFileError(file, err);
  } finally {
    closeSync(fd);
  }
}

/** The trailer and the facts; nothing is hashed yet (verifyImage does). */
export function readImageSummary(file: string): ImageSummary {
  const fd = openForReading(file);
  try {
    const fileBytes = fstatSync(fd).size;
    const trailer = decodeTrailer(
      readAt(fd, Math.min(TRAILER_BYTES, fileBytes), Math.max(0, fileBytes - TRAILER_BYTES)),
      { file, fileBytes },
    );
    const facts = parseFacts(readAt(fd, trailer.factsBytes, trailer.imageBytes), file);
    const tables = Object.keys(facts.rows).map((name) => {
      const def = findTable(name);
      if (!def) throw backupError({ file }, `${name} is not a table of OneKit`, `rows.${name}`);
      return { def, part: 'all' as const };
    });
    return { file, trailer, facts, tables };
  } finally {
    closeSync(fd);
  }
}

/**
 * Hashes the image and the facts and compares with the trailer (DB_BACKUP, field sha256),
 * writing the image to `copyTo` (an open file and its name, from its start) on the way when
 * given.
 */
export async function verifyImage(
  summary: ImageSummary,
  o: {
    readonly copyTo?: { readonly fd: number; readonly file: string };
    readonly onProgress?: (p: ImageProgress) => void;
  } = {},
): Promise<void> {
  const { imageBytes, factsBytes } = summary.trailer;
  const end = imageBytes + factsBytes;
  const hash = createHash('sha256');
  const fd = openForReading(summary.file);
  try {
    await hashAndCopy({
      from: fd,
      bytes: end,
      hash,
      // The restored database is checked, then served: it stays in the page cache.
      ...(o.copyTo && { to: { ...o.copyTo, bytes: imageBytes, direct: false } }),
      ...(o.onProgress && { progress: { total: imageBytes, report: o.onProgress } }),
      endedAt: () => backupError({ file: summary.file }, 'the file is truncated', 'end'),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).syscall === undefined) throw err;
    throw hostFileError(summary.file, err);
  } finally {
    closeSync(fd);
  }
  if (hash.digest('hex') !== summary.trailer.sha256) {
    throw backupError(
      { file: summary.file },
      'the checksum does not match: the file is corrupted',
      'sha256',
    );
  }
}

/**
 * Reads the rows of each table of a verified image, in primary key order. The image is
 * opened where it is: SQLite reads only the pages the image's header counts.
 */
export async function visitImageRows(summary: ImageSummary, visitor: BackupVisitor): Promise<void> {
  const image = await openSqliteSession(summary.file, { create: false, readonly: true });
  if (!image) throw backupError({ file: summary.file }, 'the file is gone', 'format');
  try {
    const q = image.quote;
    for (const table of summary.tables) {
      await visitor.table?.(table);
      const { def } = table;
      const columns = def.columns.map((c) => q(c.name)).join(', ');
      const order = def.primaryKey.map(q).join(', ');
      let rows = 0;
      for await (const values of image.stream(
        `SELECT ${columns} FROM ${q(def.name)} ORDER BY ${order}`,
      )) {
        rows++;
        await visitor.row?.(table, values);
      }
      if (rows !== summary.facts.rows[def.name]) {
        throw backupError(
          { file: summary.file },
          `the image holds ${rows} rows of ${def.name}, its facts ${summary.facts.rows[def.name]}`,
          `rows.${def.name}`,
        );
      }
    }
  } finally {
    await image.close();
  }
}
