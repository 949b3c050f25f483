// The slave zone keeps its local tables (VMs, hosts, images, ...), whose owners are the
// slave's users and groups: once those have new ids in the master, every local object is
// given its owner's and group's new id and name (the uid and gid columns, and UID, GID,
// UNAME, GNAME in the body), and the zone-local rows keyed by a user or group (quotas,
// VLAN rules) move to the new key.
import { tables, type Row, type StorageReader, type WriteOp } from '../storage/index.js';
import type { ImportPlan, ObjectImport } from './import-plan.js';

const OWNED = tables.filter(
  (t) =>
    t.scope === 'local' &&
    t.primaryKey.length === 1 &&
    t.primaryKey[0] === 'oid' &&
    ['uid', 'gid', 'body'].every((c) => t.columns.some((col) => col.name === c)),
);

const KEYED = [
  { table: 'user_quotas', key: 'user_oid', pool: 'users' },
  { table: 'group_quotas', key: 'group_oid', pool: 'groups' },
  { table: 'group_vlans', key: 'group_oid', pool: 'groups' },
] as const;

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The body with the first <NAME> element's content replaced (its CDATA kept as CDATA). */
export function withElement(body: string, name: string, value: string): string {
  const pattern = new RegExp(`<${name}>(<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|[^<]*)</${name}>`);
  return body.replace(pattern, (_all, inner: string) => {
    const content = inner.startsWith('<![CDATA[')
      ? `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`
      : escapeText(value);
    return `<${name}>${content}</${name}>`;
  });
}

function byId(objects: readonly ObjectImport[]): Map<number, ObjectImport> {
  return new Map(
    objects.filter((o) => o.id !== o.slaveId || o.name !== o.slaveName).map((o) => [o.slaveId, o]),
  );
}

export async function slaveOwnershipWrites(
  reader: StorageReader,
  plan: Pick<ImportPlan, 'users' | 'groups'>,
): Promise<WriteOp[]> {
  const users = byId(plan.users);
  const groups = byId(plan.groups);
  const ops: WriteOp[] = [];
  for (const table of OWNED) {
    const rows = await reader.query(`SELECT oid, uid, gid, body FROM ${table.name}`);
    for (const row of rows) {
      const user = users.get(Number(row.uid));
      const group = groups.get(Number(row.gid));
      if (!user && !group) continue;
      let body = String(row.body ?? '');
      const set: Record<string, string | number> = {};
      if (user) {
        set.uid = user.id;
        body = withElement(withElement(body, 'UID', String(user.id)), 'UNAME', user.name);
      }
      if (group) {
        set.gid = group.id;
        body = withElement(withElement(body, 'GID', String(group.id)), 'GNAME', group.name);
      }
      ops.push({
        op: 'update',
        table: table.name,
        set: { ...set, body },
        where: { oid: Number(row.oid) },
      });
    }
  }
  for (const keyed of KEYED) {
    const moved = keyed.pool === 'users' ? users : groups;
    const rows: Row[] = await reader.query(`SELECT ${keyed.key}, body FROM ${keyed.table}`);
    const changing = rows.filter((row) => {
      const key = Number(row[keyed.key]);
      const target = moved.get(key);
      return target !== undefined && target.id !== key;
    });
    // Every old key goes before any new one is written: ids may trade places.
    for (const row of changing) {
      ops.push({
        op: 'delete',
        table: keyed.table,
        where: { [keyed.key]: Number(row[keyed.key]) },
      });
    }
    for (const row of changing) {
      const id = moved.get(Number(row[keyed.key]))!.id;
      const body = withElement(String(row.body ?? ''), 'ID', String(id));
      ops.push({ op: 'insert', table: keyed.table, row: { [keyed.key]: id, body } });
    }
  }
  return ops;
}
