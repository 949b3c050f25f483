import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { openDatabase, tables, type Database } from '../../src/storage/index.js';
import { backends } from './backends.js';

/** Column names of a table, in declaration order, read through the backend's catalogue. */
async function columnsOf(db: Database, table: string): Promise<string[]> {
  const rows =
    db.backend === 'sqlite'
      ? await db.query('SELECT name FROM pragma_table_info(?) ORDER BY cid', [table])
      : await db.query(
          'SELECT column_name AS name FROM information_schema.columns ' +
            'WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position',
          [table],
        );
  return rows.map((r) => String(r.name));
}

async function indexesOf(db: Database, table: string): Promise<string[]> {
  const rows =
    db.backend === 'sqlite'
      ? await db.query("SELECT name FROM pragma_index_list(?) WHERE origin = 'c'", [table])
      : await db.query(
          'SELECT DISTINCT index_name AS name FROM information_schema.statistics ' +
            "WHERE table_schema = DATABASE() AND table_name = ? AND index_name <> 'PRIMARY' " +
            'AND non_unique = 1',
          [table],
        );
  return rows.map((r) => String(r.name)).sort();
}

describe('storage/schema', () => {
  it('keeps the federated/local split of OpenNebula', () => {
    const federated = tables
      .filter((t) => t.scope === 'federated')
      .map((t) => t.name)
      .sort();
    assert.deepEqual(federated, [
      'acl',
      'db_versioning',
      'group_pool',
      'marketplace_pool',
      'marketplaceapp_pool',
      'user_pool',
      'vdc_pool',
      'zone_pool',
    ]);
  });
});

for (const backend of backends) {
  describe(`storage/schema on ${backend.name}`, () => {
    let db: Database;

    before(async () => {
      db = await openDatabase(await backend.freshConfig());
    });
    after(() => db.close());

    it('creates every OpenNebula table with its columns in order, twice without error', async () => {
      await db.createSchema();
      await db.createSchema();
      for (const table of tables) {
        assert.deepEqual(
          await columnsOf(db, table.name),
          table.columns.map((c) => c.name),
          table.name,
        );
      }
    });

    it('keeps existing rows when it runs again', async () => {
      const row = { tablename: 'vm_pool', last_oid: 41n };
      await db.transaction((tx) => tx.run({ op: 'insert', table: 'pool_control', row }));
      await db.createSchema();
      assert.deepEqual(await db.query('SELECT tablename, last_oid FROM pool_control'), [row]);
    });

    it("creates oned's secondary indexes once", async () => {
      assert.deepEqual(await indexesOf(db, 'logdb'), ['applied_idx', 'fed_index_idx', 'purge_idx']);
      assert.deepEqual(await indexesOf(db, 'vm_pool'), ['state_oid_idx']);
    });
  });
}
