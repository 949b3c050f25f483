// Reads of user_pool (and the zone-local user_quotas beside it).
import type { StorageReader } from '../../storage/index.js';
import type { UserRecord } from './user-record.js';
import { parseUserBody } from './user-xml.js';

export async function readUser(db: StorageReader, id: number): Promise<UserRecord | undefined> {
  const [row] = await db.query('SELECT body FROM user_pool WHERE oid = ?', [id]);
  return row ? parseUserBody(String(row.body)) : undefined;
}

export async function readUserByName(
  db: StorageReader,
  name: string,
): Promise<UserRecord | undefined> {
  const [row] = await db.query('SELECT body FROM user_pool WHERE name = ?', [name]);
  return row ? parseUserBody(String(row.body)) : undefined;
}

/** The id of the user with that name, or undefined. */
export async function userIdByName(db: StorageReader, name: string): Promise<number | undefined> {
  const [row] = await db.query('SELECT oid FROM user_pool WHERE name = ?', [name]);
  return row ? Number(row.oid) : undefined;
}

/** The quota row body of a user, if the zone has one. */
export async function readUserQuotas(db: StorageReader, id: number): Promise<string | undefined> {
  const [row] = await db.query('SELECT body FROM user_quotas WHERE user_oid = ?', [id]);
  return row ? String(row.body) : undefined;
}

export interface UserPoolRow {
  readonly user: UserRecord;
  /** The user's user_quotas body, when there is one. */
  readonly quotas?: string;
}

/** Every user with its quota row, by id. */
export async function readUserPool(db: StorageReader): Promise<UserPoolRow[]> {
  const rows = await db.query(
    'SELECT u.body AS body, q.body AS quotas FROM user_pool u ' +
      'LEFT JOIN user_quotas q ON u.oid = q.user_oid ORDER BY u.oid',
  );
  return rows.map((row) => ({
    user: parseUserBody(String(row.body)),
    ...(typeof row.quotas === 'string' ? { quotas: row.quotas } : {}),
  }));
}
