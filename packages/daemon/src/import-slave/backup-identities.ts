// The users, groups and ACL rules a OneKit backup file holds (a full or a federated one),
// read from their bodies as from a live database: what `onezone fed-join --import`
// recreates on the master without opening the zone's database.
import { readBackup } from '../backup/index.js';
import type { ColumnValue, Row, StorageReader } from '../storage/index.js';
import type { Identities } from './merge-writes.js';
import { readIdentities } from './read-identities.js';

const TABLES = ['user_pool', 'group_pool', 'acl'] as const;

/** The identity tables' rows, served to readIdentities as a read-only store. */
function rowsReader(rows: ReadonlyMap<string, Row[]>): StorageReader {
  return {
    backend: 'sqlite',
    async query(sql: string) {
      const table = TABLES.find((t) => new RegExp(`\\bFROM ${t}\\b`).test(sql));
      if (table === undefined) throw new Error(`not an identity query: ${sql}`);
      return [...(rows.get(table) ?? [])].sort((a, b) => Number(a.oid) - Number(b.oid));
    },
  };
}

export async function identitiesOfBackup(file: string): Promise<Identities> {
  const rows = new Map<string, Row[]>();
  await readBackup(file, {
    row(table, values) {
      if (!(TABLES as readonly string[]).includes(table.def.name)) return;
      const row: Row = Object.fromEntries(
        table.def.columns.map((c, i): [string, ColumnValue] => [c.name, values[i] ?? null]),
      );
      rows.set(table.def.name, [...(rows.get(table.def.name) ?? []), row]);
    },
  });
  return readIdentities(rowsReader(rows), file);
}
