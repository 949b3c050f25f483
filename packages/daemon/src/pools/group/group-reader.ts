// Reads of group_pool (and the zone-local group_quotas and group_vlans beside it).
import type { StorageReader } from '../../storage/index.js';
import type { GroupRecord } from './group-record.js';
import { parseGroupBody } from './group-xml.js';

export async function readGroup(db: StorageReader, id: number): Promise<GroupRecord | undefined> {
  const [row] = await db.query('SELECT body FROM group_pool WHERE oid = ?', [id]);
  return row ? parseGroupBody(String(row.body)) : undefined;
}

export async function groupIdByName(db: StorageReader, name: string): Promise<number | undefined> {
  const [row] = await db.query('SELECT oid FROM group_pool WHERE name = ?', [name]);
  return row ? Number(row.oid) : undefined;
}

export async function groupNameOf(db: StorageReader, id: number): Promise<string | undefined> {
  const [row] = await db.query('SELECT name FROM group_pool WHERE oid = ?', [id]);
  return row ? String(row.name) : undefined;
}

export interface GroupPoolRow {
  readonly group: GroupRecord;
  readonly quotas?: string;
  readonly vlans?: string;
}

const optional = (key: 'quotas' | 'vlans', value: unknown) =>
  typeof value === 'string' ? { [key]: value } : {};

/** One group with its zone-local rows, or every group by id. */
export async function readGroupRows(db: StorageReader, id?: number): Promise<GroupPoolRow[]> {
  const rows = await db.query(
    'SELECT g.body AS body, q.body AS quotas, v.body AS vlans FROM group_pool g ' +
      'LEFT JOIN group_quotas q ON g.oid = q.group_oid ' +
      'LEFT JOIN group_vlans v ON g.oid = v.group_oid' +
      (id === undefined ? ' ORDER BY g.oid' : ' WHERE g.oid = ?'),
    id === undefined ? [] : [id],
  );
  return rows.map((row) => ({
    group: parseGroupBody(String(row.body)),
    ...optional('quotas', row.quotas),
    ...optional('vlans', row.vlans),
  }));
}
