import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'mocha';
import {
  openDatabase,
  UINT64_MAX,
  type Database,
  type DbConfig,
  type WriteOp,
} from '../../src/storage/index.js';
import { encodeSqlcmd, LogStore, type LogEntry } from '../../src/write-path/index.js';
import { backends } from '../storage/backends.js';
import { insertDocument } from '../support/documents.js';

const T0 = 1_700_000_000_000;
const clock = (): number => T0;

const doc = (oid: number): WriteOp => insertDocument(oid);

const entry = (
  index: bigint,
  term: number,
  ops: WriteOp[] = [doc(Number(index))],
  fedIndex = UINT64_MAX,
): LogEntry => ({
  index,
  term,
  fedIndex,
  ops,
  timestamp: 0,
});

for (const backend of backends) {
  describe(`write-path/log-store on ${backend.name}`, () => {
    let config: DbConfig;
    let db: Database;
    let log: LogStore;

    beforeEach(async () => {
      config = await backend.freshConfig();
      db = await openDatabase(config);
      await db.createSchema();
      log = await LogStore.open(db, { clock });
    });
    afterEach(() => db.close());

    const docs = async (): Promise<number[]> =>
      (await db.query('SELECT oid FROM document_pool ORDER BY oid')).map((r) => Number(r.oid));

    it('starts with record 0 (term 0, applied, local) and the initial RAFT_STATE, once', async () => {
      await LogStore.open(db, { clock });
      const rows = await db.query(
        'SELECT log_index, term, timestamp, fed_index, applied FROM logdb',
      );
      assert.deepEqual(rows, [
        { log_index: 0n, term: 0, timestamp: T0 / 1000, fed_index: UINT64_MAX, applied: 1 },
      ]);
      assert.deepEqual((await log.entries(0n, 1n))[0]!.ops, []);
      assert.deepEqual(log.hardState, { term: 0, votedFor: -1 });
      const [raft] = await db.query("SELECT body FROM system_attributes WHERE name = 'RAFT_STATE'");
      assert.match(String(raft!.body), /<TERM><!\[CDATA\[0\]\]><\/TERM>/);
      assert.equal(log.lastIndex, 0n);
      assert.equal(log.lastApplied, 0n);
    });

    it('appends entries unapplied and reads them back by range', async () => {
      await log.append([entry(1n, 1), entry(2n, 1, [doc(2)], 2n), entry(3n, 2)]);
      assert.equal(log.lastIndex, 3n);
      assert.equal(log.lastTerm, 2);
      assert.equal(log.lastApplied, 0n);
      const records = await log.entries(1n, 3n);
      assert.deepEqual(records, [
        { ...entry(1n, 1), applied: false },
        { ...entry(2n, 1, [doc(2)], 2n), applied: false },
      ]);
      assert.deepEqual(await docs(), []);
      assert.equal(await log.lastFederatedIndex(), 2n);
    });

    it('replaces a conflicting unapplied suffix on append, and truncates on demand', async () => {
      await log.append([entry(1n, 1), entry(2n, 1), entry(3n, 1)]);
      await log.append([entry(2n, 2, [doc(20)])]);
      assert.deepEqual(
        (await log.entries(0n, 10n)).map((r) => [r.index, r.term]),
        [
          [0n, 0],
          [1n, 1],
          [2n, 2],
        ],
      );
      assert.equal(log.lastIndex, 2n);
      await log.truncateFrom(2n);
      assert.equal(log.lastIndex, 1n);
      assert.equal(log.lastTerm, 1);
    });

    it('refuses appends that leave a gap, skip an index or rewrite applied entries', async () => {
      await assert.rejects(log.append([entry(2n, 1)]), {
        code: 'STORAGE',
        where: { field: 'log_index' },
      });
      await assert.rejects(log.append([entry(1n, 1), entry(3n, 1)]), {
        code: 'STORAGE',
        where: { field: 'log_index' },
      });
      await log.append([entry(1n, 1)]);
      await log.applyUpTo(1n);
      await assert.rejects(log.append([entry(1n, 2)]), {
        code: 'STORAGE',
        where: { field: 'log_index' },
      });
      await assert.rejects(log.truncateFrom(1n), {
        code: 'STORAGE',
        where: { field: 'log_index' },
      });
      assert.equal((await log.entries(1n, 2n))[0]!.term, 1);
    });

    it('applies up to an index in order and marks each entry applied with the clock time', async () => {
      await log.append([entry(1n, 1), entry(2n, 1), entry(3n, 1)]);
      assert.deepEqual(await log.applyUpTo(2n), { failed: [] });
      assert.deepEqual(await docs(), [1, 2]);
      assert.equal(log.lastApplied, 2n);
      assert.deepEqual(
        (await log.entries(1n, 4n)).map((r) => [r.applied, r.timestamp]),
        [
          [true, T0 / 1000],
          [true, T0 / 1000],
          [false, 0],
        ],
      );
      await assert.rejects(log.applyUpTo(4n), { code: 'STORAGE', where: { field: 'log_index' } });
    });

    it('rolls back an entry whose ops fail, marks it applied and reports it, as oned does', async () => {
      await log.append([entry(1n, 1), entry(2n, 1, [doc(5), doc(1)]), entry(3n, 1)]);
      const { failed } = await log.applyUpTo(3n);
      assert.deepEqual(
        failed.map((f) => f.index),
        [2n],
      );
      assert.equal((failed[0]!.error as { code: string }).code, 'STORAGE');
      assert.deepEqual(await docs(), [1, 3]);
      assert.ok((await log.entries(1n, 4n)).every((r) => r.applied));
    });

    it('refuses new proposals while stored entries wait to be applied', async () => {
      await log.append([entry(1n, 1)]);
      await assert.rejects(
        log.commitProposals([{ ops: [doc(9)], fedIndex: 'none' }], { term: 1 }),
        {
          code: 'STORAGE',
          where: { field: 'log_index' },
        },
      );
      await log.applyUpTo(1n);
      assert.deepEqual(
        await log.commitProposals([{ ops: [doc(9)], fedIndex: 'none' }], { term: 1 }),
        [{ index: 2n }],
      );
    });

    it('tells listeners which tables applied entries wrote, however they were applied', async () => {
      const seen: string[][] = [];
      const stop = log.onApplied(({ tables }) => seen.push([...tables].sort()));
      const zoneRow = {
        op: 'replace',
        table: 'pool_control',
        row: { tablename: 'zone_pool', last_oid: 100 },
      } as const;
      await log.commitProposals([{ ops: [doc(1), zoneRow], fedIndex: 'none' }], { term: 1 });
      // A proposal the database refuses writes nothing, so nobody is told.
      await log.commitProposals([{ ops: [doc(1)], fedIndex: 'none' }], { term: 1 });
      await log.append([entry(2n, 1)]);
      assert.equal(seen.length, 1, 'appending is not applying');
      await log.applyUpTo(2n);
      stop();
      await log.commitProposals([{ ops: [doc(5)], fedIndex: 'none' }], { term: 1 });
      assert.deepEqual(seen, [['document_pool', 'pool_control'], ['document_pool']]);
    });

    it('tells listeners the ops of the applied entries, not those of an entry that failed', async () => {
      const seen: number[][] = [];
      const stop = log.onApplied(({ ops }) =>
        seen.push(ops.map((op) => ('row' in op ? Number(op.row.oid) : -1))),
      );
      // Stored entries, the second failing (5 is written, then 1 again): the careful way.
      await log.append([entry(1n, 1), entry(2n, 1, [doc(5), doc(1)]), entry(3n, 1)]);
      await log.applyUpTo(3n);
      // A Ready applied from the entries it holds: the quick way.
      const next = { index: 4n, term: 1, fedIndex: UINT64_MAX, sqlcmd: encodeSqlcmd([doc(4)]) };
      await log.persistReady({ entries: [next], applyTo: 4n, committed: [next] });
      await log.commitProposals(
        [
          { ops: [doc(6)], fedIndex: 'none' },
          { ops: [doc(6)], fedIndex: 'none' },
        ],
        { term: 1 },
      );
      stop();
      assert.deepEqual(seen, [[1, 3], [4], [6]]);
    });

    it('tells listeners the last ids the applied entries recorded in pool_control', async () => {
      const seen: (Record<string, number> | undefined)[] = [];
      const stop = log.onApplied(({ lastOids }) =>
        seen.push(lastOids && Object.fromEntries(lastOids)),
      );
      const control = (tablename: string, last: number) =>
        ({
          op: 'replace',
          table: 'pool_control',
          row: { tablename, last_oid: BigInt(last) },
        }) as const;
      await log.commitProposals(
        [
          { ops: [doc(1), control('document_pool', 1)], fedIndex: 'none' },
          { ops: [doc(7), control('document_pool', 7), control('vm_pool', 3)], fedIndex: 'none' },
        ],
        { term: 1 },
      );
      // A write to pool_control that names no value: the listener is told to read it again.
      const bump = {
        op: 'update',
        table: 'pool_control',
        set: { last_oid: 9 },
        where: { tablename: 'vm_pool' },
      } as const;
      await log.append([{ ...entry(3n, 1), ops: [bump] }]);
      await log.applyUpTo(3n);
      stop();
      assert.deepEqual(seen, [{ document_pool: 7, vm_pool: 3 }, undefined]);
    });

    it('keeps the Raft state across a reopen', async () => {
      await log.saveHardState({ term: 7, votedFor: 2 });
      await db.close();
      db = await openDatabase(config);
      log = await LogStore.open(db, { clock });
      assert.deepEqual(log.hardState, { term: 7, votedFor: 2 });
      await assert.rejects(log.saveHardState({ term: -1, votedFor: 0 }), {
        code: 'STORAGE',
        where: { field: 'RAFT_STATE' },
      });
    });

    it('purges old applied entries, local and federated counted apart, at most limit per kind', async () => {
      const entries = Array.from({ length: 12 }, (_, i) => {
        const index = BigInt(i + 1);
        return entry(index, 1, [doc(i + 1)], i % 3 === 0 ? index : UINT64_MAX);
      });
      await log.append(entries);
      await log.applyUpTo(10n);
      // Local applied: 0 and 2,3,5,6,8,9 (7 entries); federated applied: 1,4,7,10.
      assert.equal(await log.purge({ keep: 3, limit: 2 }), 3);
      const remaining = async (): Promise<bigint[]> =>
        (await log.entries(0n, 100n)).map((r) => r.index);
      assert.deepEqual(await remaining(), [3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n, 11n, 12n]);
      assert.equal(await log.purge({ keep: 3, limit: 100 }), 2);
      assert.deepEqual(await remaining(), [4n, 6n, 7n, 8n, 9n, 10n, 11n, 12n]);
      assert.equal(await log.purge({ keep: 3, limit: 100 }), 0);
      assert.equal(await log.firstIndex(), 4n);
      await assert.rejects(log.purge({ keep: 0, limit: 1 }), {
        code: 'STORAGE',
        where: { field: 'keep' },
      });
    });
  });
}
