// Reads the rule set, in the order oned keeps it: by user mask, then as loaded (by id).
import type { AclRule } from '@onekit/core';
import type { ColumnValue, StorageReader } from '../../storage/index.js';

function mask(value: ColumnValue): bigint {
  return BigInt.asIntN(64, BigInt(value ?? 0));
}

export async function readAclRules(db: StorageReader): Promise<AclRule[]> {
  const rows = await db.query('SELECT oid, userset, resource, rights, zone FROM acl ORDER BY oid');
  const rules = rows.map((row) => ({
    id: Number(row.oid),
    user: mask(row.userset),
    resource: mask(row.resource),
    rights: mask(row.rights),
    zone: mask(row.zone),
  }));
  return rules.sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
}
