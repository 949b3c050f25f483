// The rows of db_versioning (federated tables) and local_db_versioning (local tables).
// The current version of each part is the row with the highest oid, as oned reads it.
import type { Row } from '../storage/index.js';
import type { DbSession } from './db-session.js';

export const SHARED_VERSIONS = 'db_versioning';
export const LOCAL_VERSIONS = 'local_db_versioning';

export interface VersionRow {
  readonly oid: number;
  readonly version: string;
  /** Seconds since the epoch. */
  readonly timestamp: number;
  readonly comment: string;
  /** local_db_versioning only: the server ran as a federation slave at bootstrap. */
  readonly isSlave?: boolean;
}

function versionRow(row: Row): VersionRow {
  return {
    oid: Number(row.oid),
    version: String(row.version ?? ''),
    timestamp: Number(row.timestamp ?? 0),
    comment: String(row.comment ?? ''),
    ...('is_slave' in row ? { isSlave: Boolean(Number(row.is_slave ?? 0)) } : {}),
  };
}

/** The current row of a version table (which must exist); undefined when it is empty. */
export async function currentVersion(
  session: DbSession,
  table: string,
): Promise<VersionRow | undefined> {
  const [row] = await session.query(
    `SELECT * FROM ${table} WHERE oid = (SELECT MAX(oid) FROM ${table})`,
  );
  return row && row.version !== null && row.version !== '' ? versionRow(row) : undefined;
}

/** Every row of a version table, oldest first. */
export async function versionHistory(session: DbSession, table: string): Promise<VersionRow[]> {
  return (await session.query(`SELECT * FROM ${table} ORDER BY oid`)).map(versionRow);
}
