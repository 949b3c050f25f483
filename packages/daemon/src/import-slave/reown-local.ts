// onedb reown: the local half of an import. Once a zone's users and groups have been
// recreated on the federation master (onezone fed-join --import), the objects of the
// zone's local tables must name their owners and groups by the new ids and names: this
// applies an onedb-import.log to the zone's stopped database, in one transaction. The
// mapping's digest is kept in system_attributes in the same transaction, so applying the
// same log again changes nothing (ids may trade places: a second pass would move them on).
import { readFileSync } from 'node:fs';
import { OneKitError } from '@onekit/core';
import { ensureDaemonStopped, type DaemonCheck } from '../backup/index.js';
import { databaseMissing, openSession } from '../backup/db-session.js';
import { openDatabase, type DbConfig } from '../storage/index.js';
import { parseImportLog } from './import-log.js';
import { slaveOwnershipWrites } from './slave-ownership.js';

/** The system_attributes row holding the digest of the last mapping applied. */
export const REOWN_MARKER = 'ONEKIT_IMPORT_REOWN';

export interface ReownOptions {
  readonly db: DbConfig;
  /** The onedb-import.log to apply. */
  readonly logFile: string;
  /** This zone's daemon: it must be stopped. */
  readonly daemon: DaemonCheck;
}

export interface ReownResult {
  readonly logFile: string;
  readonly users: number;
  readonly groups: number;
  /** Rows rewritten; 0 when the log had been applied already. */
  readonly localWrites: number;
  readonly alreadyApplied: boolean;
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new OneKitError('DB_COPY', `cannot read ${file}`, { file }, { cause: err });
  }
}

export async function reownLocalObjects(o: ReownOptions): Promise<ReownResult> {
  const mapping = parseImportLog(readLog(o.logFile), o.logFile);
  await ensureDaemonStopped(o.daemon);
  const session = await openSession(o.db, { create: false, readonly: true });
  if (!session) throw databaseMissing(o.db);
  await session.close();
  const database = await openDatabase(
    o.db.backend === 'mysql' ? { ...o.db, connections: 2 } : o.db,
  );
  try {
    const applied = await database.transaction(async (tx) => {
      const [marker] = await tx.query('SELECT body FROM system_attributes WHERE name = ?', [
        REOWN_MARKER,
      ]);
      if (marker && String(marker.body) === mapping.digest) return undefined;
      const writes = await slaveOwnershipWrites(tx, mapping);
      for (const op of writes) await tx.run(op);
      await tx.run({
        op: 'replace',
        table: 'system_attributes',
        row: { name: REOWN_MARKER, body: mapping.digest },
      });
      return writes.length;
    });
    return {
      logFile: o.logFile,
      users: mapping.users.length,
      groups: mapping.groups.length,
      localWrites: applied ?? 0,
      alreadyApplied: applied === undefined,
    };
  } finally {
    await database.close();
  }
}
