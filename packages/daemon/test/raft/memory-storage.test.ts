import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { MemoryRaftStorage, type Entry } from '../../src/raft/index.js';

const e = (index: number, term: number): Entry<string> => ({
  index: BigInt(index),
  term,
  data: { kind: 'data', value: `v${index}` },
});

describe('raft/memory-storage', () => {
  it('starts as oned does: only record 0, term 0, nothing voted', () => {
    const s = new MemoryRaftStorage<string>();
    assert.deepEqual(s.initialState(), { hardState: { term: 0, votedFor: -1 }, applied: 0n });
    assert.equal(s.firstIndex(), 1n);
    assert.equal(s.lastIndex(), 0n);
    assert.equal(s.term(0n), 0);
  });

  it('appends, replacing a conflicting suffix', () => {
    const s = new MemoryRaftStorage<string>({ entries: [e(1, 1), e(2, 1), e(3, 1)] });
    s.append([e(2, 2)]);
    assert.equal(s.lastIndex(), 2n);
    assert.deepEqual(
      s.entries(1n, 3n).map((x) => x.term),
      [1, 2],
    );
    assert.throws(() => s.append([e(5, 2)]), { code: 'STORAGE', where: { field: 'index' } });
  });

  it('reports compacted and unavailable entries by name', () => {
    const s = new MemoryRaftStorage<string>({ entries: [e(1, 1), e(2, 1), e(3, 2), e(4, 2)] });
    s.setApplied(3n);
    s.compact(2n);
    assert.equal(s.firstIndex(), 3n);
    assert.equal(s.term(2n), 1, 'the term before the first entry is kept');
    assert.throws(() => s.term(1n), {
      code: 'RAFT_ENTRY_UNAVAILABLE',
      reason: 'compacted',
      index: 1n,
    });
    assert.throws(() => s.entries(2n, 4n), { reason: 'compacted', where: { field: 'index' } });
    assert.throws(() => s.term(5n), { code: 'RAFT_ENTRY_UNAVAILABLE', reason: 'unavailable' });
    assert.throws(() => s.entries(3n, 6n), { reason: 'unavailable' });
  });

  it('purges only applied entries', () => {
    const s = new MemoryRaftStorage<string>({ entries: [e(1, 1), e(2, 1)] });
    s.setApplied(1n);
    assert.throws(() => s.compact(2n), { code: 'STORAGE', where: { field: 'index' } });
  });

  it('copies into an independent storage, as a database restore does', () => {
    const s = new MemoryRaftStorage<string>({
      hardState: { term: 3, votedFor: 1 },
      entries: [e(1, 1), e(2, 3)],
      applied: 2n,
    });
    s.compact(1n);
    const copy = s.copy();
    s.append([e(3, 3)]);
    assert.equal(copy.lastIndex(), 2n);
    assert.equal(copy.firstIndex(), 2n);
    assert.deepEqual(copy.initialState(), { hardState: { term: 3, votedFor: 1 }, applied: 2n });
  });
});
