import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { Inflights, Progress } from '../../src/raft/progress.js';

describe('raft/progress', () => {
  describe('Inflights', () => {
    it('fills up to its capacity and frees what the follower acknowledged', () => {
      const inflights = new Inflights(3);
      inflights.add(5n);
      inflights.add(8n);
      assert.equal(inflights.full(), false);
      inflights.add(10n);
      assert.equal(inflights.full(), true);
      inflights.freeLE(8n);
      assert.equal(inflights.count, 1);
      inflights.freeFirstOne();
      assert.equal(inflights.count, 0);
    });
  });

  it('probes one append at a time, then pipelines up to the window once replicating', () => {
    const pr = new Progress(1, 11n, 2);
    assert.equal(pr.isPaused(), false);
    pr.sentEntries(3, 13n);
    assert.equal(pr.isPaused(), true, 'a probe waits for its answer');
    assert.equal(pr.next, 11n, 'probing does not move next');
    assert.equal(pr.maybeUpdate(13n), true);
    pr.becomeReplicate();
    assert.equal(pr.next, 14n);
    pr.sentEntries(2, 15n);
    assert.equal(pr.isPaused(), false);
    pr.sentEntries(2, 17n);
    assert.equal(pr.isPaused(), true, 'the window of 2 is full');
    assert.equal(pr.next, 18n);
    pr.inflights.freeLE(15n);
    assert.equal(pr.isPaused(), false);
  });

  it('moves next back on a refusal using the hint, and ignores stale refusals', () => {
    const pr = new Progress(1, 21n, 4);
    assert.equal(pr.maybeDecrTo(15n, 3n), false, 'not the append in flight');
    assert.equal(pr.maybeDecrTo(20n, 7n), true);
    assert.equal(pr.next, 8n);
    pr.match = 5n;
    pr.next = 8n;
    assert.equal(pr.maybeDecrTo(7n, 1n), true);
    assert.equal(pr.next, 6n, 'never below match + 1');
  });

  it('while replicating, a refusal above match restarts from match + 1', () => {
    const pr = new Progress(1, 1n, 4);
    pr.maybeUpdate(10n);
    pr.becomeReplicate();
    pr.sentEntries(5, 15n);
    assert.equal(pr.maybeDecrTo(9n, 0n), false, 'stale: below match');
    assert.equal(pr.maybeDecrTo(12n, 0n), true);
    assert.equal(pr.next, 11n);
  });

  it('needs-reset pauses appends until the operator restarts it', () => {
    const pr = new Progress(1, 1n, 4);
    pr.maybeUpdate(3n);
    pr.becomeNeedsReset();
    assert.equal(pr.state, 'needs-reset');
    assert.equal(pr.isPaused(), true);
    pr.restartAt(40n);
    assert.equal(pr.state, 'probe');
    assert.equal(pr.next, 40n);
    assert.equal(pr.match, 3n);
    assert.equal(pr.isPaused(), false);
  });

  it('stays recently active for one more check-quorum window', () => {
    const pr = new Progress(1, 1n, 1);
    pr.activeNow = true;
    pr.rollActivityWindow();
    assert.equal(pr.recentlyActive, true);
    pr.rollActivityWindow();
    assert.equal(pr.recentlyActive, false);
  });
});
