// persistReady: what a Raft shell writes for one Ready (vote, new entries, applies) goes in
// one transaction, all of it or none of it; alike whether the entries to apply are read back
// from logdb or handed over by the caller (applied from memory, in one commitWrites).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'mocha';
import {
  openDatabase,
  UINT64_MAX,
  type Database,
  type DbConfig,
  type WriteOp,
} from '../../src/storage/index.js';
import {
  encodeEntryContent,
  LogStore,
  type EncodedEntry,
  type LogEntry,
  type ReadyWrite,
} from '../../src/write-path/index.js';
import { backends } from '../storage/backends.js';
import { insertDocument } from '../support/documents.js';

const clock = (): number => 1_700_000_000_000;

const doc = (oid: number): WriteOp => insertDocument(oid);

const entry = (index: bigint, term: number, ops: WriteOp[] = [doc(Number(index))]): LogEntry => ({
  index,
  term,
  fedIndex: UINT64_MAX,
  ops,
  timestamp: 0,
});

const range = (from: number, to: number, term: number): LogEntry[] =>
  Array.from({ length: to - from + 1 }, (_, i) => entry(BigInt(from + i), term));

const encoded = (e: LogEntry): EncodedEntry => ({
  index: e.index,
  term: e.term,
  fedIndex: e.fedIndex,
  sqlcmd: encodeEntryContent({ ops: e.ops }),
});

for (const backend of backends)
  for (const fromMemory of [false, true])
    describe(`write-path/log-store persistReady on ${backend.name}, entries ${fromMemory ? 'handed over' : 'read back'}`, () => {
      let config: DbConfig;
      let db: Database;
      let store: LogStore;
      /** Every entry stored so far, as a Raft shell holds them. */
      let held: Map<bigint, EncodedEntry>;

      beforeEach(async () => {
        config = await backend.freshConfig();
        db = await openDatabase(config);
        await db.createSchema();
        store = await LogStore.open(db, { clock });
        held = new Map();
      });
      afterEach(() => db.close());

      /** persistReady, handing over the entries to apply when the suite says so. */
      const log = {
        persistReady(w: ReadyWrite) {
          const first = w.entries[0]?.index;
          if (first !== undefined) for (const i of held.keys()) if (i >= first) held.delete(i);
          for (const e of w.entries) held.set(e.index, encoded(e as LogEntry));
          const committed = [...held.values()].filter(
            (e) => e.index > store.lastApplied && e.index <= (w.applyTo ?? 0n),
          );
          return store.persistReady({ ...w, ...(fromMemory && { committed }) });
        },
        get lastIndex() {
          return store.lastIndex;
        },
        get lastTerm() {
          return store.lastTerm;
        },
        get lastApplied() {
          return store.lastApplied;
        },
        get hardState() {
          return store.hardState;
        },
      };

      const docs = async (): Promise<number[]> =>
        (await db.query('SELECT oid FROM document_pool ORDER BY oid')).map((r) => Number(r.oid));
      const appliedFlags = async (): Promise<number[]> =>
        (await db.query('SELECT applied FROM logdb WHERE log_index > 0 ORDER BY log_index')).map(
          (r) => Number(r.applied),
        );

      it('stores the vote and the entries, and applies up to applyTo, kept across a reopen', async () => {
        const report = await log.persistReady({
          hardState: { term: 2, votedFor: 1 },
          entries: range(1, 3, 2),
          applyTo: 2n,
        });
        assert.deepEqual(report.failed, []);
        assert.deepEqual([log.lastIndex, log.lastTerm, log.lastApplied], [3n, 2, 2n]);
        assert.deepEqual(await docs(), [1, 2]);
        const reopened = await LogStore.open(db, { clock });
        assert.deepEqual(reopened.hardState, { term: 2, votedFor: 1 });
        assert.deepEqual([reopened.lastIndex, reopened.lastApplied], [3n, 2n]);
        assert.deepEqual(await appliedFlags(), [1, 1, 0]);
      });

      it('applies alone, or appends alone, or replaces an unapplied suffix', async () => {
        await log.persistReady({ entries: range(1, 3, 1) });
        assert.deepEqual(await docs(), []);
        await log.persistReady({ entries: [], applyTo: 1n });
        assert.deepEqual(await docs(), [1]);
        await log.persistReady({ entries: [entry(3n, 2, [doc(30)])], applyTo: 3n });
        assert.deepEqual(await docs(), [1, 2, 30]);
        assert.deepEqual([log.lastIndex, log.lastTerm, log.lastApplied], [3n, 2, 3n]);
        assert.deepEqual(log.hardState, { term: 0, votedFor: -1 }, 'no vote given: none written');
      });

      it('drops the whole unapplied suffix an earlier entry replaces', async () => {
        await log.persistReady({ entries: range(1, 5, 1), applyTo: 1n });
        await log.persistReady({ entries: [entry(3n, 2, [doc(30)])] });
        const stored = await db.query('SELECT log_index, term FROM logdb WHERE log_index > 0');
        assert.deepEqual(
          stored.map((r) => [Number(r.log_index), Number(r.term)]),
          [
            [1, 1],
            [2, 1],
            [3, 2],
          ],
        );
        assert.deepEqual([log.lastIndex, log.lastTerm], [3n, 2]);
      });

      it('opens no transaction for a Ready that writes nothing, one for a Ready that does', async () => {
        await log.persistReady({ entries: range(1, 2, 1), applyTo: 2n });
        const opened = { transaction: 0, commitWrites: 0 };
        const transaction = db.transaction.bind(db);
        const commitWrites = db.commitWrites.bind(db);
        let inCommitWrites = false; // SQLite's commitWrites is a transaction of its own
        db.transaction = (fn, options) => {
          if (!inCommitWrites) opened.transaction++;
          return transaction(fn, options);
        };
        db.commitWrites = async (ops, options) => {
          opened.commitWrites++;
          inCommitWrites = true;
          try {
            return await commitWrites(ops, options);
          } finally {
            inCommitWrites = false;
          }
        };
        await log.persistReady({ entries: [] });
        await log.persistReady({ entries: [], applyTo: 2n });
        assert.deepEqual(opened, { transaction: 0, commitWrites: 0 });
        await log.persistReady({ entries: [], hardState: { term: 2, votedFor: 0 } });
        assert.deepEqual(opened, { transaction: 0, commitWrites: 1 });
        await log.persistReady({ entries: range(3, 4, 2), applyTo: 4n });
        // Handed over, the entries are applied with the append; read back, in a transaction.
        assert.deepEqual(
          opened,
          fromMemory ? { transaction: 0, commitWrites: 2 } : { transaction: 1, commitWrites: 1 },
        );
        assert.deepEqual(await docs(), [1, 2, 3, 4]);
      });

      it('applies more entries than one apply transaction holds', async () => {
        await log.persistReady({ entries: range(1, 1200, 1), applyTo: 1200n });
        assert.equal(log.lastApplied, 1200n);
        assert.equal((await docs()).length, 1200);
        assert.ok((await appliedFlags()).every((applied) => applied === 1));
      });

      it('reports an entry whose ops fail, rolled back and marked applied', async () => {
        await log.persistReady({ entries: [entry(1n, 1)], applyTo: 1n });
        const report = await log.persistReady({
          entries: [entry(2n, 1, [doc(1)]), entry(3n, 1)],
          applyTo: 3n,
        });
        assert.deepEqual(
          report.failed.map((f) => f.index),
          [2n],
        );
        assert.deepEqual(await docs(), [1, 3]);
        assert.deepEqual(await appliedFlags(), [1, 1, 1]);
      });

      it('keeps the vote and the new entries of a Ready whose applied entry fails', async () => {
        await log.persistReady({ entries: [entry(1n, 1), entry(2n, 1, [doc(1)])], applyTo: 1n });
        const report = await log.persistReady({
          hardState: { term: 2, votedFor: 0 },
          entries: [entry(3n, 2), entry(4n, 2)],
          applyTo: 3n,
        });
        assert.deepEqual(
          report.failed.map((f) => f.index),
          [2n],
        );
        assert.deepEqual(await docs(), [1, 3]);
        assert.deepEqual(await appliedFlags(), [1, 1, 1, 0]);
        const reopened = await LogStore.open(db, { clock });
        assert.deepEqual(reopened.hardState, { term: 2, votedFor: 0 });
        assert.deepEqual([reopened.lastIndex, reopened.lastApplied], [4n, 3n]);
      });

      it('writes nothing, not even the vote, when the Ready cannot be stored whole', async () => {
        await log.persistReady({ entries: range(1, 2, 1), applyTo: 2n });
        const refused = [
          { hardState: { term: 3, votedFor: 2 }, entries: [entry(4n, 3)] }, // a gap
          { hardState: { term: 3, votedFor: 2 }, entries: [entry(2n, 3)] }, // rewrites an applied one
          { hardState: { term: 3, votedFor: 2 }, entries: [entry(3n, 3)], applyTo: 5n },
        ];
        for (const write of refused) {
          await assert.rejects(log.persistReady(write), { code: 'STORAGE' });
        }
        const reopened = await LogStore.open(db, { clock });
        assert.deepEqual(reopened.hardState, { term: 0, votedFor: -1 });
        assert.deepEqual([reopened.lastIndex, reopened.lastApplied], [2n, 2n]);
        assert.deepEqual(await docs(), [1, 2]);
      });
    });
