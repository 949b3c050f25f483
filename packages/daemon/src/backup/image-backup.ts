// onedb backup of a whole SQLite database: a page image of one consistent snapshot
// (image-snapshot.ts), then the facts and the trailer (image-trailer.ts), written under a
// temporary name and given the backup's name once synced. Before the facts go in, the
// image is opened and its row counts compared with the snapshot's: a copy that does not
// hold the snapshot is never published.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { OneKitError } from '@onekit/core';
import type { SqliteConfig } from '../storage/index.js';
import { backupExists, partialFileOf, publishBackup } from './backup-writer.js';
import { databaseMissing, databaseName, openSession, type DbSession } from './db-session.js';
import { backupTables } from './federated-rows.js';
import { encodeTrailer, factsBytes, type ImageFacts } from './image-trailer.js';
import { openImageSnapshot } from './image-snapshot.js';
import { removeWithJournals } from './sqlite-file-swap.js';
import type { BackupOptions, BackupResult } from './take-backup.js';
import { currentVersion, LOCAL_VERSIONS, SHARED_VERSIONS } from './version-rows.js';

async function versionOf(
  session: DbSession,
  existing: ReadonlySet<string>,
  table: string,
): Promise<string | null> {
  if (!existing.has(table)) return null;
  return (await currentVersion(session, table))?.version ?? null;
}

async function countRows(session: DbSession, table: string): Promise<number> {
  const [row] = await session.query(`SELECT COUNT(*) AS n FROM ${session.quote(table)}`);
  return Number(row!.n);
}

/** The facts of the snapshot `session` reads. */
async function snapshotFacts(session: DbSession, created: Date): Promise<ImageFacts> {
  const existing = await session.tableNames();
  const rows: Record<string, number> = {};
  for (const { def } of backupTables('full', existing)) {
    rows[def.name] = await countRows(session, def.name);
  }
  return {
    kind: 'full',
    backend: 'sqlite',
    shared: await versionOf(session, existing, SHARED_VERSIONS),
    local: await versionOf(session, existing, LOCAL_VERSIONS),
    created: created.toISOString(),
    rows,
  };
}

/** The image in `temp` holds the rows the snapshot counted. */
async function checkImage(temp: string, facts: ImageFacts, db: SqliteConfig): Promise<void> {
  const image = (await openSession(
    { backend: 'sqlite', file: temp },
    {
      create: false,
      readonly: true,
    },
  ))!;
  try {
    for (const [table, expected] of Object.entries(facts.rows)) {
      const found = await countRows(image, table);
      if (found !== expected) {
        throw new OneKitError(
          'DB_BACKUP',
          `the copy of ${table} holds ${found} rows, the snapshot ${expected}: the database changed under the copy`,
          { file: db.file, field: `rows.${table}` },
        );
      }
    }
  } finally {
    await image.close();
  }
}

function writeAt(fd: number, bytes: Buffer, position: number): void {
  for (let offset = 0; offset < bytes.length;) {
    offset += writeSync(fd, bytes, offset, bytes.length - offset, position + offset);
  }
}

function createPartial(file: string): { temp: string; fd: number } {
  const temp = partialFileOf(file);
  try {
    // Backups go to folders that may not exist yet (a dated folder, serversync's).
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Backups hold password hashes: readable by their owner only.
    return { temp, fd: openSync(temp, 'w+', 0o600) };
  } catch (err) {
    throw new OneKitError('HOST_FILE', `cannot write ${file}`, { file }, { cause: err });
  }
}

export async function takeImageBackup(o: BackupOptions, db: SqliteConfig): Promise<BackupResult> {
  if (!o.force && existsSync(o.file)) throw backupExists(o.file);
  if (!existsSync(db.file)) throw databaseMissing(db);
  const snapshot = openImageSnapshot(db.file);
  let partial: { temp: string; fd: number } | undefined;
  try {
    const facts = await snapshotFacts(snapshot.session, o.clock());
    partial = createPartial(o.file);
    const hash = createHash('sha256');
    const imageBytes = await snapshot.copy({
      fd: partial.fd,
      file: partial.temp,
      hash,
      ...(o.onProgress && { onProgress: o.onProgress }),
    });
    await snapshot.close();
    await checkImage(partial.temp, facts, db);
    const tail = factsBytes(facts);
    hash.update(tail);
    const sha256 = hash.digest('hex');
    const trailer = encodeTrailer({ imageBytes, factsBytes: tail.length, sha256 });
    writeAt(partial.fd, Buffer.concat([tail, trailer]), imageBytes);
    fsyncSync(partial.fd);
    closeSync(partial.fd);
    const { temp } = partial;
    partial = undefined;
    publishBackup(temp, o.file, { force: o.force });
    return {
      file: o.file,
      kind: 'full',
      backend: 'sqlite',
      database: databaseName(db),
      shared: facts.shared,
      local: facts.local,
      rows: facts.rows,
      sha256,
    };
  } catch (err) {
    if (partial) {
      closeSync(partial.fd);
      removeWithJournals(partial.temp);
    }
    throw err;
  } finally {
    await snapshot.close();
  }
}
