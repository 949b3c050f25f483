import assert from 'node:assert/strict';
import fc from 'fast-check';
import { after, before, beforeEach, describe, it } from 'mocha';
import { openDatabase, UINT64_MAX, type Database } from '../../src/storage/index.js';
import { backends } from './backends.js';

const EDGES = [0n, 1n, 2n ** 53n + 1n, 2n ** 63n - 1n, 2n ** 63n, UINT64_MAX - 1n, UINT64_MAX];

for (const backend of backends) {
  describe(`storage/bigint on ${backend.name}`, () => {
    let db: Database;

    before(async () => {
      db = await openDatabase(await backend.freshConfig());
      await db.createSchema();
    });
    after(() => db.close());
    beforeEach(() =>
      db.transaction((tx) => tx.run({ op: 'delete', table: 'logdb', where: { term: { ge: 0 } } })),
    );

    const store = (values: readonly bigint[]): Promise<void> =>
      db.transaction(async (tx) => {
        for (const [i, value] of values.entries()) {
          await tx.run({
            op: 'insert',
            table: 'logdb',
            row: {
              log_index: value,
              term: i,
              sqlcmd: '',
              timestamp: 0,
              fed_index: value,
              applied: 1,
            },
          });
        }
      });

    it('round-trips 0, 2^53+1, 2^63 and UINT64_MAX through BIGINT UNSIGNED columns', async () => {
      await store(EDGES);
      const rows = await db.query('SELECT log_index, fed_index FROM logdb ORDER BY term');
      assert.deepEqual(
        rows.map((r) => [r.log_index, r.fed_index]),
        EDGES.map((v) => [v, v]),
      );
    });

    it('matches each of them exactly in a WHERE clause', async () => {
      await store(EDGES);
      for (const value of EDGES) {
        const rows = await db.query('SELECT log_index FROM logdb WHERE fed_index = ?', [value]);
        assert.deepEqual(rows, [{ log_index: value }], String(value));
      }
      const [local] = await db.query('SELECT COUNT(*) AS n FROM logdb WHERE fed_index <> ?', [
        UINT64_MAX,
      ]);
      assert.equal(local!.n, EDGES.length - 1);
    });

    it('round-trips any unsigned 64-bit value (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.bigInt({ min: 0n, max: UINT64_MAX }), async (value) => {
          await db.transaction((tx) =>
            tx.run({
              op: 'replace',
              table: 'pool_control',
              row: { tablename: 'p', last_oid: value },
            }),
          );
          const rows = await db.query(
            'SELECT last_oid FROM pool_control WHERE tablename = ? AND last_oid = ?',
            ['p', value],
          );
          assert.deepEqual(rows, [{ last_oid: value }]);
        }),
        { numRuns: 60 },
      );
    });

    it('reads expressions as numbers and keeps INTEGER columns as numbers', async () => {
      await store([7n, 2n ** 53n + 1n]);
      const [row] = await db.query(
        'SELECT COUNT(*) AS n, MIN(log_index) AS lo, MAX(term) AS t FROM logdb',
      );
      assert.deepEqual(row, { n: 2, lo: 7, t: 1 });
      const [big] = await db.query('SELECT MAX(log_index) AS hi FROM logdb');
      assert.equal(big!.hi, 2n ** 53n + 1n);
    });

    it('refuses integers that do not fit 64 bits', async () => {
      await assert.rejects(
        db.transaction((tx) =>
          tx.run({
            op: 'replace',
            table: 'pool_control',
            row: { tablename: 'p', last_oid: UINT64_MAX + 1n },
          }),
        ),
        { code: 'STORAGE' },
      );
    });
  });
}
