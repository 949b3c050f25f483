import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { isDuplicateKey, openDatabase, type Database } from '../../src/storage/index.js';
import { backends } from './backends.js';

const user = (oid: number, name: string) => ({
  op: 'insert' as const,
  table: 'user_pool',
  row: {
    oid,
    name,
    body: `<USER><ID>${oid}</ID></USER>`,
    uid: 0,
    gid: 0,
    owner_u: 1,
    group_u: 0,
    other_u: 0,
  },
});

for (const backend of backends) {
  describe(`storage/write-ops on ${backend.name}`, () => {
    let db: Database;

    before(async () => {
      db = await openDatabase(await backend.freshConfig());
      await db.createSchema();
    });
    after(() => db.close());
    beforeEach(() =>
      db.transaction((tx) => tx.run({ op: 'delete', table: 'user_pool', where: { uid: 0 } })),
    );

    const names = async (): Promise<string[]> =>
      (await db.query('SELECT name FROM user_pool ORDER BY oid')).map((r) => String(r.name));

    it('inserts rows and reads them back with typed columns', async () => {
      await db.transaction(async (tx) => {
        assert.equal(await tx.run(user(0, 'oneadmin')), 1);
        assert.equal(await tx.run(user(1, 'serveradmin')), 1);
      });
      const rows = await db.query('SELECT oid, name, body, owner_u FROM user_pool WHERE name = ?', [
        'oneadmin',
      ]);
      assert.deepEqual(rows, [
        { oid: 0, name: 'oneadmin', body: '<USER><ID>0</ID></USER>', owner_u: 1 },
      ]);
    });

    it('inserts several rows with one statement, or none of them', async () => {
      const rows = [user(1, 'a').row, user(2, 'b').row, user(3, 'c').row];
      assert.equal(await db.transaction((tx) => tx.insertRows('user_pool', rows)), 3);
      assert.deepEqual(await names(), ['a', 'b', 'c']);
      const clash = [user(4, 'd').row, user(2, 'again').row];
      await assert.rejects(
        db.transaction((tx) => tx.insertRows('user_pool', clash)),
        (err: { code: string; where: object }) => {
          assert.equal(err.code, 'STORAGE');
          assert.deepEqual(err.where, { field: 'user_pool' });
          assert.ok(isDuplicateKey(err));
          return true;
        },
      );
      const { gid: _, ...short } = user(5, 'e').row;
      await assert.rejects(
        db.transaction((tx) => tx.insertRows('user_pool', [user(6, 'f').row, short])),
        { code: 'STORAGE', where: { field: 'user_pool' } },
      );
      assert.deepEqual(await names(), ['a', 'b', 'c']);
    });

    it('replaces a row by its key', async () => {
      await db.transaction((tx) => tx.run(user(5, 'old')));
      await db.transaction((tx) => tx.run({ ...user(5, 'new'), op: 'replace' as const }));
      assert.deepEqual(await names(), ['new']);
    });

    it('updates and deletes the rows matched by the where clause, and counts them', async () => {
      await db.transaction(async (tx) => {
        for (const [oid, name] of [
          [1, 'a'],
          [2, 'b'],
          [3, 'c'],
          [4, 'd'],
        ] as const)
          await tx.run(user(oid, name));
      });
      await db.transaction(async (tx) => {
        assert.equal(
          await tx.run({
            op: 'update',
            table: 'user_pool',
            set: { gid: 7 },
            where: { oid: { ge: 3 } },
          }),
          2,
        );
        assert.equal(
          await tx.run({ op: 'delete', table: 'user_pool', where: { gid: 7, oid: { ne: 4 } } }),
          1,
        );
        assert.equal(
          await tx.run({ op: 'delete', table: 'user_pool', where: { oid: { lt: 2 } } }),
          1,
        );
        assert.equal(
          await tx.run({
            op: 'update',
            table: 'user_pool',
            set: { gid: 8 },
            where: { oid: { gt: 1, le: 4 } },
          }),
          2,
        );
        assert.equal(
          await tx.run({
            op: 'update',
            table: 'user_pool',
            set: { body: null },
            where: { oid: { le: 2 } },
          }),
          1,
        );
        assert.equal(
          await tx.run({ op: 'delete', table: 'user_pool', where: { oid: { gt: 100 } } }),
          0,
        );
      });
      assert.deepEqual(await names(), ['b', 'd']);
      assert.deepEqual(await db.query('SELECT oid FROM user_pool WHERE body IS NULL'), [
        { oid: 2 },
      ]);
      await db.transaction((tx) =>
        tx.run({ op: 'delete', table: 'user_pool', where: { body: null } }),
      );
      assert.deepEqual(await names(), ['d']);
    });

    it('rolls back the whole transaction when an op fails, leaving nothing partial', async () => {
      await db.transaction((tx) => tx.run(user(1, 'alice')));
      const failure = db.transaction(async (tx) => {
        await tx.run(user(2, 'bob'));
        await tx.run({ op: 'update', table: 'user_pool', set: { gid: 9 }, where: { oid: 1 } });
        await tx.run(user(3, 'alice'));
      });
      await assert.rejects(failure, (err: { code: string; where: object }) => {
        assert.equal(err.code, 'STORAGE');
        assert.deepEqual(err.where, { field: 'user_pool' });
        assert.ok(isDuplicateKey(err));
        return true;
      });
      assert.deepEqual(await db.query('SELECT oid, gid FROM user_pool ORDER BY oid'), [
        { oid: 1, gid: 0 },
      ]);
    });

    it('undoes only the failed savepoint', async () => {
      await db.transaction(async (tx) => {
        await tx.run(user(1, 'kept'));
        await assert.rejects(
          tx.savepoint(async () => {
            await tx.run(user(2, 'dropped'));
            await tx.run(user(3, 'kept'));
          }),
          { code: 'STORAGE' },
        );
        await tx.savepoint(() => tx.run(user(4, 'also kept')));
      });
      assert.deepEqual(await names(), ['kept', 'also kept']);
    });

    it('lets a transaction read its own writes while other readers do not see them', async () => {
      await db.transaction(async (tx) => {
        await tx.run(user(1, 'pending'));
        assert.equal((await tx.query('SELECT name FROM user_pool')).length, 1);
        assert.equal((await db.query('SELECT name FROM user_pool')).length, 0);
      });
      assert.equal((await db.query('SELECT name FROM user_pool')).length, 1);
    });

    it('refuses writes through query and ops outside the schema', async () => {
      await assert.rejects(db.query("DELETE FROM user_pool WHERE name = 'x'"), {
        code: 'STORAGE',
        where: { field: 'sql' },
      });
      await assert.rejects(db.query('SELECT nope FROM nowhere'), {
        code: 'STORAGE',
        where: { field: 'sql' },
      });
      await db.transaction(async (tx) => {
        await assert.rejects(tx.run({ op: 'insert', table: 'users', row: { oid: 1 } }), {
          code: 'STORAGE',
          where: { field: 'users' },
        });
        await assert.rejects(
          tx.run({ op: 'insert', table: 'user_pool', row: { oid: 1, password: 'x' } }),
          {
            code: 'STORAGE',
            where: { field: 'user_pool.password' },
          },
        );
        await assert.rejects(tx.run({ op: 'delete', table: 'user_pool', where: {} }), {
          code: 'STORAGE',
          where: { field: 'user_pool' },
        });
        await assert.rejects(
          tx.run({
            op: 'update',
            table: 'user_pool',
            set: { gid: 1 },
            where: { oid: { lt: null } },
          }),
          {
            code: 'STORAGE',
            where: { field: 'user_pool.oid' },
          },
        );
      });
    });

    it('refuses a transaction object used after its end', async () => {
      let leaked: Parameters<Parameters<Database['transaction']>[0]>[0] | undefined;
      await db.transaction(async (tx) => {
        leaked = tx;
      });
      await assert.rejects(leaked!.run(user(1, 'late')), {
        code: 'STORAGE',
        where: { field: 'transaction' },
      });
      assert.deepEqual(await names(), []);
    });

    it('passes values through exactly: text, null, booleans and large integers', async () => {
      const body = `<USER><NAME><![CDATA[Zoë "quoted" 'single' ; DROP TABLE x; --]]></NAME></USER>`;
      await db.transaction(async (tx) => {
        await tx.run({ ...user(1, 'zoë'), row: { ...user(1, 'zoë').row, body } });
        await tx.run({
          op: 'insert',
          table: 'local_db_versioning',
          row: { oid: 0, version: '7.6.0', is_slave: false },
        });
        await tx.run({
          op: 'insert',
          table: 'local_db_versioning',
          row: { oid: 1, version: '7.6.0', is_slave: true },
        });
        await tx.run({
          op: 'insert',
          table: 'acl',
          row: { oid: 0, userset: -4294967296n, resource: 0x2000000000n, rights: 1n, zone: 1n },
        });
      });
      assert.deepEqual(await db.query('SELECT body FROM user_pool WHERE name = ?', ['zoë']), [
        { body },
      ]);
      assert.deepEqual(
        await db.query('SELECT oid, is_slave FROM local_db_versioning ORDER BY oid'),
        [
          { oid: 0, is_slave: 0 },
          { oid: 1, is_slave: 1 },
        ],
      );
      assert.deepEqual(
        await db.query('SELECT userset, resource FROM acl WHERE userset = ?', [-4294967296n]),
        [{ userset: -4294967296n, resource: 0x2000000000n }],
      );
    });
  });
}
