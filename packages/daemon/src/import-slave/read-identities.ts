// The users, groups and ACL rules of a database, read from their bodies; a body that does
// not parse stops the import (run onedb fsck on that database first).
import { OneKitError } from '@onekit/core';
import { readAclRules } from '../pools/acl/index.js';
import { parseGroupBodyText } from '../pools/group/index.js';
import { parseUserBody } from '../pools/user/index.js';
import type { StorageReader } from '../storage/index.js';
import type { Identities } from './merge-writes.js';

async function bodies<T>(
  reader: StorageReader,
  table: string,
  parse: (body: string) => T,
  name: string,
): Promise<T[]> {
  const rows = await reader.query(`SELECT oid, body FROM ${table} ORDER BY oid`);
  return rows.map((row) => {
    try {
      return parse(String(row.body ?? ''));
    } catch (err) {
      throw new OneKitError(
        'DB_COPY',
        `the body of ${table} ${String(row.oid)} in the ${name} database does not parse: run onedb fsck on it`,
        { field: table },
        { cause: err },
      );
    }
  });
}

export async function readIdentities(reader: StorageReader, name: string): Promise<Identities> {
  return {
    users: await bodies(reader, 'user_pool', parseUserBody, name),
    groups: await bodies(reader, 'group_pool', parseGroupBodyText, name),
    acl: await readAclRules(reader),
  };
}

export async function lastOid(reader: StorageReader, table: string): Promise<number> {
  const [control] = await reader.query('SELECT last_oid FROM pool_control WHERE tablename = ?', [
    table,
  ]);
  const [max] = await reader.query(`SELECT MAX(oid) AS m FROM ${table}`);
  const counter = control ? Number(control.last_oid) : -1;
  return Math.max(counter, max?.m === null || max?.m === undefined ? -1 : Number(max.m));
}
