import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { PendingReads } from '../../src/raft/read-index.js';
import { TestCluster } from './cluster.js';

describe('raft/read-index', () => {
  it('confirms a read once a majority answered a heartbeat sent after it', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2, 3, 4] });
    cluster.elect(0);
    cluster.propose(0, 'a');
    cluster.stabilize();
    assert.deepEqual(cluster.core(0).readIndex('r1'), { ok: true, index: 2n });
    cluster.drain(0);
    const heartbeats = cluster.inFlight.filter((m) => m.type === 'heartbeat');
    assert.deepEqual(
      heartbeats.map((m) => m.type === 'heartbeat' && m.context),
      ['r1', 'r1', 'r1', 'r1'],
    );
    cluster.deliver((m) => m.to === 1);
    cluster.deliver((m) => m.to === 0);
    assert.deepEqual(cluster.readStates.get(0), [], 'two of five is not a majority');
    cluster.deliver((m) => m.to === 2);
    cluster.deliver((m) => m.to === 0);
    assert.deepEqual(cluster.readStates.get(0), [{ context: 'r1', index: 2n }]);
  });

  it('a single voter confirms at once', () => {
    const cluster = new TestCluster({ voters: [0] });
    cluster.timeout(0);
    assert.equal(cluster.core(0).readIndex('solo').ok, true);
    cluster.drain(0);
    assert.deepEqual(cluster.readStates.get(0), [{ context: 'solo', index: 1n }]);
  });

  it('is refused by followers and by a leader still reconciling', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.timeout(0);
    cluster.deliver((m) => m.type === 'vote-request');
    cluster.deliver((m) => m.type === 'vote-response');
    assert.deepEqual(cluster.core(0).readIndex('early'), { ok: false, reason: 'reconciling' });
    cluster.stabilize();
    assert.deepEqual(cluster.core(1).readIndex('x'), {
      ok: false,
      reason: 'not-leader',
      leader: 0,
    });
  });

  it('a leader cut off from the majority never confirms, and steps down with checkQuorum', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.elect(0);
    cluster.isolate(0);
    cluster.core(0).readIndex('stale');
    cluster.drain(0);
    for (let i = 0; i < 2 * cluster.config.electionTicks; i++) {
      cluster.tick(0);
      cluster.stabilize();
    }
    assert.deepEqual(cluster.readStates.get(0), []);
    assert.equal(cluster.core(0).status().role, 'follower');
  });

  it('retries confirmation with later heartbeats when answers are lost', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.elect(0);
    cluster.core(0).readIndex('r');
    cluster.drain(0);
    cluster.take(() => true);
    cluster.tick(0, cluster.config.heartbeatTicks);
    cluster.stabilize();
    assert.deepEqual(cluster.readStates.get(0), [{ context: 'r', index: 1n }]);
  });

  describe('PendingReads', () => {
    it('an answer for a later read confirms the earlier ones too, in order', () => {
      const reads = new PendingReads();
      reads.add('a', 5n, 0);
      reads.add('b', 6n, 0);
      reads.add('c', 7n, 0);
      assert.deepEqual(reads.acknowledge('b', 1, [0, 1, 2]), [
        { context: 'a', index: 5n },
        { context: 'b', index: 6n },
      ]);
      assert.equal(reads.newestContext(), 'c');
      assert.deepEqual(reads.acknowledge('zzz', 1, [0, 1, 2]), []);
      assert.equal(reads.size, 1);
    });
  });
});
