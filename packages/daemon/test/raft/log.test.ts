import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { MemoryRaftStorage, type Entry } from '../../src/raft/index.js';
import { RaftLog } from '../../src/raft/log.js';

const e = (index: number, term: number): Entry<string> => ({
  index: BigInt(index),
  term,
  data: { kind: 'data', value: `${index}/${term}` },
});
const ids = (entries: readonly Entry<string>[]) => entries.map((x) => `${x.index}/${x.term}`);

/** Stored 1..3 (terms 1,1,2), applied 1. */
function stored(): { storage: MemoryRaftStorage<string>; log: RaftLog<string> } {
  const storage = new MemoryRaftStorage<string>({
    entries: [e(1, 1), e(2, 1), e(3, 2)],
    applied: 1n,
  });
  return { storage, log: new RaftLog(storage, 1n) };
}

describe('raft/log', () => {
  it('reads across stable storage and unstable entries', () => {
    const { log } = stored();
    log.append([e(4, 2), e(5, 3)]);
    assert.equal(log.lastIndex(), 5n);
    assert.equal(log.lastTerm(), 3);
    assert.deepEqual(ids(log.slice(2n, 6n)), ['2/1', '3/2', '4/2', '5/3']);
    assert.deepEqual(ids(log.entriesFrom(3n, 2)), ['3/2', '4/2']);
    assert.equal(log.stableLastIndex(), 3n);
    assert.equal(log.committed, 1n);
    assert.throws(() => log.term(6n), { code: 'RAFT_ENTRY_UNAVAILABLE', reason: 'unavailable' });
  });

  it('compares logs by last term, then length (Raft §5.4.1)', () => {
    const { log } = stored();
    assert.equal(log.isUpToDate(3n, 2), true);
    assert.equal(log.isUpToDate(2n, 2), false);
    assert.equal(log.isUpToDate(1n, 3), true);
    assert.equal(log.isUpToDate(9n, 1), false);
  });

  it('appends after a matching entry and truncates only a conflicting suffix', () => {
    const { log } = stored();
    assert.equal(log.appendAfter(1n, 1, [e(2, 1), e(3, 2)]), 3n, 'already there');
    assert.equal(log.unstable.length, 0);
    assert.equal(log.appendAfter(2n, 1, [e(3, 3), e(4, 3)]), 4n);
    assert.deepEqual(ids(log.slice(1n, 5n)), ['1/1', '2/1', '3/3', '4/3']);
    assert.equal(log.appendAfter(4n, 2, [e(5, 3)]), undefined, 'previous term differs');
    assert.equal(log.appendAfter(7n, 3, []), undefined, 'previous entry missing');
  });

  it('refuses to overwrite a committed entry or to leave a gap', () => {
    const { log } = stored();
    log.commitTo(2n);
    assert.throws(() => log.appendAfter(1n, 1, [e(2, 5)]), {
      code: 'STORAGE',
      where: { field: 'index' },
    });
    assert.throws(() => log.append([e(6, 2)]), { code: 'STORAGE' });
    assert.throws(() => log.commitTo(9n), { code: 'STORAGE', where: { field: 'commit' } });
  });

  it('finds where a conflicting term starts, stopping at what it no longer knows', () => {
    const storage = new MemoryRaftStorage<string>({
      entries: [e(1, 1), e(2, 1), e(3, 2), e(4, 2), e(5, 4), e(6, 4)],
      applied: 2n,
    });
    const log = new RaftLog(storage, 2n);
    assert.deepEqual(log.findConflictByTerm(6n, 3), { index: 4n, term: 2 });
    assert.deepEqual(log.findConflictByTerm(6n, 4), { index: 6n, term: 4 });
    assert.deepEqual(log.findConflictByTerm(6n, 0), { index: 0n, term: 0 });
    storage.compact(2n);
    assert.deepEqual(log.findConflictByTerm(6n, 0), { index: 1n, term: undefined });
  });

  it('hands committed entries out once each', () => {
    const { log } = stored();
    log.commitTo(3n);
    assert.deepEqual(ids(log.nextCommitted()), ['2/1', '3/2']);
    log.markApplying(3n);
    assert.deepEqual(log.nextCommitted(), []);
    log.appliedTo(3n);
    assert.equal(log.applied, 3n);
  });

  it('marks entries stable once storage holds them', () => {
    const { storage, log } = stored();
    log.append([e(4, 2)]);
    storage.append([e(4, 2)]);
    log.stableTo(4n, 2);
    assert.equal(log.stableLastIndex(), 4n);
    assert.equal(log.unstable.length, 0);
  });

  it('refuses an applied index outside what storage holds', () => {
    const storage = new MemoryRaftStorage<string>({ entries: [e(1, 1)] });
    assert.throws(() => new RaftLog(storage, 2n), { code: 'STORAGE', where: { field: 'applied' } });
  });
});
