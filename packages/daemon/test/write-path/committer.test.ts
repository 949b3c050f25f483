import assert from 'node:assert/strict';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, it } from 'mocha';
import {
  openDatabase,
  UINT64_MAX,
  type Database,
  type DbConfig,
  type WriteOp,
} from '../../src/storage/index.js';
import { LogStore, SoloCommitter, type FederationMode } from '../../src/write-path/index.js';
import { backends } from '../storage/backends.js';

const T0 = 1_700_000_000_000;

const group = (oid: number, name = `group${oid}`): WriteOp => ({
  op: 'insert',
  table: 'group_pool',
  row: {
    oid,
    name,
    body: `<GROUP><ID>${oid}</ID></GROUP>`,
    uid: 0,
    gid: 0,
    owner_u: 1,
    group_u: 0,
    other_u: 0,
  },
});
const groupLastOid = (last: number): WriteOp => ({
  op: 'replace',
  table: 'pool_control',
  row: { tablename: 'group_pool', last_oid: BigInt(last) },
});
const host = (oid: number, name = `host${oid}`) => ({
  op: 'insert' as const,
  table: 'host_pool',
  row: {
    oid,
    name,
    body: '<HOST/>',
    state: 0,
    uid: 0,
    gid: 0,
    owner_u: 1,
    group_u: 0,
    other_u: 0,
    cid: 0,
  },
});

for (const backend of backends) {
  describe(`write-path/committer on ${backend.name}`, () => {
    let config: DbConfig;
    let db: Database;
    let now: number;

    async function committer(
      federation: FederationMode = 'STANDALONE',
      maxBatch?: number,
    ): Promise<SoloCommitter> {
      const log = await LogStore.open(db, { clock: () => now });
      return new SoloCommitter({ log, federation, maxBatch });
    }

    beforeEach(async () => {
      now = T0;
      config = await backend.freshConfig();
      db = await openDatabase(config);
      await db.createSchema();
    });
    afterEach(() => db.close());

    const logRows = (): Promise<Record<string, unknown>[]> =>
      db.query(
        'SELECT log_index, term, timestamp, fed_index, applied FROM logdb WHERE log_index > 0 ORDER BY log_index',
      );

    it('applies each entry and records it applied in logdb, in one transaction', async () => {
      const c = await committer();
      assert.deepEqual(await c.commit([host(0)], { federated: false }), { index: 1n });
      now += 5000;
      const update: WriteOp = {
        op: 'update',
        table: 'host_pool',
        set: { state: 2 },
        where: { oid: 0 },
      };
      assert.deepEqual(await c.commit([update], { federated: false }), { index: 2n });
      assert.deepEqual(
        await c.commit([{ ...host(0, 'renamed'), op: 'replace' as const }], { federated: false }),
        { index: 3n },
      );
      assert.deepEqual(
        await c.commit([{ op: 'delete', table: 'host_pool', where: { oid: 0 } }], {
          federated: false,
        }),
        {
          index: 4n,
        },
      );
      assert.deepEqual(await db.query('SELECT oid FROM host_pool'), []);
      const rows = await logRows();
      assert.deepEqual(
        rows.map((r) => [r.log_index, r.term, r.timestamp, r.fed_index, r.applied]),
        [
          [1n, 0, T0 / 1000, UINT64_MAX, 1],
          [2n, 0, T0 / 1000 + 5, UINT64_MAX, 1],
          [3n, 0, T0 / 1000 + 5, UINT64_MAX, 1],
          [4n, 0, T0 / 1000 + 5, UINT64_MAX, 1],
        ],
      );
      const log = await LogStore.open(db, { clock: () => now });
      assert.deepEqual((await log.entries(2n, 3n))[0]!.ops, [update]);
    });

    const fedCases: [FederationMode, boolean, bigint][] = [
      ['MASTER', true, 1n],
      ['MASTER', false, UINT64_MAX],
      ['STANDALONE', true, UINT64_MAX],
      ['SLAVE', true, UINT64_MAX],
    ];
    for (const [mode, federated, fedIndex] of fedCases) {
      it(`sets fed_index ${fedIndex === UINT64_MAX ? 'UINT64_MAX' : 'to its index'} for a ${federated ? 'federated' : 'local'} entry on a ${mode}`, async () => {
        const c = await committer(mode);
        await c.commit(federated ? [group(100), groupLastOid(100)] : [host(1)], { federated });
        const [row] = await logRows();
        assert.equal(row!.fed_index, fedIndex);
      });
    }

    it('uses the persisted Raft term', async () => {
      const log = await LogStore.open(db, { clock: () => now });
      await log.saveHardState({ term: 4, votedFor: -1 });
      await new SoloCommitter({ log, federation: 'STANDALONE' }).commit([host(1)], {
        federated: false,
      });
      assert.equal((await logRows())[0]!.term, 4);
    });

    it('rolls back a failing entry whole, records nothing and gives its index to the next', async () => {
      const c = await committer();
      await c.commit([host(1, 'a')], { federated: false });
      const failing = c.commit([host(2, 'b'), host(1, 'dup')], { federated: false });
      await assert.rejects(failing, { code: 'STORAGE', where: { field: 'host_pool' } });
      assert.deepEqual(await c.commit([host(3, 'c')], { federated: false }), { index: 2n });
      assert.deepEqual(await db.query('SELECT oid FROM host_pool ORDER BY oid'), [
        { oid: 1 },
        { oid: 3 },
      ]);
      assert.deepEqual(
        (await logRows()).map((r) => r.log_index),
        [1n, 2n],
      );
    });

    it('refuses entries outside their scope before writing anything', async () => {
      const c = await committer('MASTER');
      await assert.rejects(c.commit([group(1), host(1)], { federated: true }), {
        code: 'STORAGE',
        where: { field: 'host_pool' },
      });
      await assert.rejects(c.commit([group(1)], { federated: false }), {
        code: 'STORAGE',
        where: { field: 'group_pool' },
      });
      assert.deepEqual(await logRows(), []);
    });

    for (const maxBatch of [1, undefined]) {
      it(`keeps index order without gaps under ${maxBatch === 1 ? 'serial' : 'batched'} concurrent commits`, async () => {
        const c = await committer('STANDALONE', maxBatch);
        const callers = 16;
        const perCaller = 15;
        const seen = await Promise.all(
          Array.from({ length: callers }, async (_, caller) => {
            const indexes: bigint[] = [];
            for (let i = 0; i < perCaller; i++) {
              const oid = caller * 1000 + i;
              // Every fifth commit collides with the previous one and must fail alone.
              const ops = i % 5 === 4 ? [host(oid), host(oid - 1)] : [host(oid)];
              try {
                indexes.push((await c.commit(ops, { federated: false })).index);
              } catch (err) {
                assert.equal((err as { code: string }).code, 'STORAGE');
                assert.equal(i % 5, 4);
              }
            }
            return indexes;
          }),
        );
        for (const indexes of seen) {
          assert.deepEqual(
            indexes,
            [...indexes].sort((a, b) => (a < b ? -1 : 1)),
            'one caller sees its indexes grow',
          );
        }
        const all = seen.flat().sort((a, b) => (a < b ? -1 : 1));
        const expected = callers * perCaller - callers * 3;
        assert.deepEqual(
          all,
          Array.from({ length: expected }, (_, i) => BigInt(i + 1)),
        );
        const [count] = await db.query('SELECT COUNT(*) AS n FROM host_pool');
        assert.equal(count!.n, expected);
        assert.deepEqual(
          (await logRows()).map((r) => r.log_index),
          all,
        );
      });
    }

    it('settles every commit already requested before idle() resolves', async () => {
      const c = await committer();
      const pending = Array.from({ length: 10 }, (_, i) =>
        c.commit([host(i)], { federated: false }),
      );
      await c.idle();
      const [count] = await db.query('SELECT COUNT(*) AS n FROM host_pool');
      assert.equal(count!.n, 10);
      assert.deepEqual(
        (await Promise.all(pending)).map((r) => r.index),
        Array.from({ length: 10 }, (_, i) => BigInt(i + 1)),
      );
    });

    it('groups the callers of one turn of the event loop into one transaction', async () => {
      const log = await LogStore.open(db, { clock: () => now });
      const batches: number[] = [];
      const commitProposals = log.commitProposals.bind(log);
      log.commitProposals = (proposals, options) => {
        batches.push(proposals.length);
        return commitProposals(proposals, options);
      };
      const c = new SoloCommitter({ log, federation: 'STANDALONE' });
      // Each caller in a callback of its own, as requests read from different sockets are.
      const pending = await new Promise<Promise<{ index: bigint }>[]>((resolve) => {
        const calls: Promise<{ index: bigint }>[] = [];
        for (let i = 0; i < 8; i++) {
          setImmediate(() => {
            calls.push(c.commit([host(i)], { federated: false }));
            if (calls.length === 8) resolve(calls);
          });
        }
      });
      await Promise.all(pending);
      assert.deepEqual(batches, [8]);
    });

    it('refuses a batch size below 1', async () => {
      const log = await LogStore.open(db, { clock: () => now });
      assert.throws(() => new SoloCommitter({ log, federation: 'STANDALONE', maxBatch: 0 }), {
        code: 'STORAGE',
        where: { field: 'maxBatch' },
      });
    });

    it('keeps every acknowledged entry across close and reopen', async () => {
      const c = await committer();
      const acknowledged = await Promise.all(
        Array.from({ length: 40 }, (_, i) => c.commit([host(i)], { federated: false })),
      );
      await db.close();
      db = await openDatabase(config);
      const log = await LogStore.open(db, { clock: () => now });
      assert.equal(log.lastIndex, 40n);
      assert.equal(log.lastApplied, 40n);
      const records = await log.entries(1n, 41n);
      assert.deepEqual(
        records.map((r) => r.index),
        acknowledged.map((a) => a.index),
      );
      assert.ok(records.every((r) => r.applied));
      const [count] = await db.query('SELECT COUNT(*) AS n FROM host_pool');
      assert.equal(count!.n, 40);
      assert.deepEqual(
        await new SoloCommitter({ log, federation: 'STANDALONE' }).commit([host(99)], {
          federated: false,
        }),
        {
          index: 41n,
        },
      );
    });

    it('matches a model of the table after any mix of good and colliding commits (property)', async () => {
      const c = await committer();
      let round = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 3 }), {
            maxLength: 8,
          }),
          async (batches) => {
            const base = ++round * 100;
            const model = new Set<number>();
            const results = await Promise.allSettled(
              batches.map((oids) =>
                c.commit(
                  oids.map((o) => host(base + o, `h${base + o}`)),
                  { federated: false },
                ),
              ),
            );
            // Commits run in call order, so replaying them against a set predicts each outcome.
            batches.forEach((oids, i) => {
              const fresh = new Set(oids).size === oids.length && oids.every((o) => !model.has(o));
              assert.equal(results[i]!.status, fresh ? 'fulfilled' : 'rejected');
              if (fresh) oids.forEach((o) => model.add(o));
            });
            const rows = await db.query(
              'SELECT oid FROM host_pool WHERE oid >= ? AND oid < ? ORDER BY oid',
              [base, base + 100],
            );
            assert.deepEqual(
              rows.map((r) => Number(r.oid) - base),
              [...model].sort((a, b) => a - b),
            );
          },
        ),
        { numRuns: 25 },
      );
      const [max] = await db.query('SELECT MAX(log_index) AS i, COUNT(*) AS n FROM logdb');
      assert.equal(Number(max!.i), Number(max!.n) - 1);
    });
  });
}
