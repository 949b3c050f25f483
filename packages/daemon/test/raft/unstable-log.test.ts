import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { Entry } from '../../src/raft/index.js';
import { UnstableEntries } from '../../src/raft/unstable-log.js';

const e = (index: number, term: number): Entry<string> => ({
  index: BigInt(index),
  term,
  data: { kind: 'data', value: `${index}/${term}` },
});
const indexes = (entries: Entry<string>[]) => entries.map((x) => `${x.index}/${x.term}`);

describe('raft/unstable-log', () => {
  it('hands entries out once, and forgets them when storage holds them', () => {
    const u = new UnstableEntries<string>(5n);
    u.truncateAndAppend([e(5, 1), e(6, 1)]);
    assert.deepEqual(indexes(u.notInProgress()), ['5/1', '6/1']);
    u.markInProgress();
    u.truncateAndAppend([e(7, 1)]);
    assert.deepEqual(indexes(u.notInProgress()), ['7/1']);
    u.stableTo(6n, 1);
    assert.equal(u.offset, 7n);
    assert.deepEqual(indexes(u.notInProgress()), ['7/1']);
    assert.equal(u.term(6n), undefined);
    assert.equal(u.lastIndex(), 7n);
  });

  it('replaces a conflicting suffix and hands the replacement out again', () => {
    const u = new UnstableEntries<string>(5n);
    u.truncateAndAppend([e(5, 1), e(6, 1), e(7, 1)]);
    u.markInProgress();
    u.truncateAndAppend([e(6, 2)]);
    assert.deepEqual(indexes(u.slice(5n, 7n)), ['5/1', '6/2']);
    assert.deepEqual(indexes(u.notInProgress()), ['6/2']);
  });

  it('replaces everything when the new entries start at or before its offset', () => {
    const u = new UnstableEntries<string>(5n);
    u.truncateAndAppend([e(5, 1), e(6, 1)]);
    u.truncateAndAppend([e(3, 2)]);
    assert.equal(u.offset, 3n);
    assert.deepEqual(indexes(u.notInProgress()), ['3/2']);
  });

  it('ignores stableTo for an entry it replaced meanwhile', () => {
    const u = new UnstableEntries<string>(5n);
    u.truncateAndAppend([e(5, 1)]);
    u.markInProgress();
    u.truncateAndAppend([e(5, 2)]);
    u.stableTo(5n, 1);
    assert.equal(u.offset, 5n);
    assert.equal(u.term(5n), 2);
  });
});
