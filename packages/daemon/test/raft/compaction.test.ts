import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { TestCluster } from './cluster.js';

/** A 3-server zone where server 2 was down while the leader wrote and purged its log. */
function lagging(): TestCluster {
  const cluster = new TestCluster({ voters: [0, 1, 2] });
  cluster.elect(0);
  cluster.crash(2);
  for (let i = 0; i < 10; i++) cluster.propose(0, `v${i}`);
  cluster.stabilize();
  cluster.tick(0, cluster.config.heartbeatTicks);
  cluster.stabilize();
  const storage = cluster.server(0).storage;
  storage.compact(storage.initialState().applied - 2n);
  cluster.restart(2);
  return cluster;
}

const progressOf = (cluster: TestCluster, id: number) =>
  cluster
    .core(0)
    .status()
    .progress.find((p) => p.id === id);

describe('raft/compaction: followers behind a purged log', () => {
  it('marks the follower needs-reset and keeps sending it heartbeats only, without looping', () => {
    const cluster = lagging();
    for (let i = 0; i < 5; i++) {
      cluster.tick(0, cluster.config.heartbeatTicks);
      const toFollower = cluster.inFlight.filter((m) => m.to === 2).map((m) => m.type);
      assert.deepEqual(toFollower, ['heartbeat']);
      cluster.stabilize();
    }
    const progress = progressOf(cluster, 2);
    assert.equal(progress?.state, 'needs-reset');
    assert.equal(progress?.recentlyActive, true);
    assert.equal(cluster.server(2).storage.lastIndex(), 1n, 'it never got entries');
    assert.equal(cluster.core(2).status().leader, 0, 'but it follows the leader');
  });

  it('after a database copy, server-reset resumes replication at the last index + 1', () => {
    const cluster = lagging();
    cluster.tick(0, cluster.config.heartbeatTicks);
    cluster.stabilize();
    assert.equal(progressOf(cluster, 2)?.state, 'needs-reset');
    // The operator restores the leader's backup on server 2, then resets it.
    cluster.crash(2);
    cluster.server(2).restoreCopyOf(cluster.server(0));
    cluster.restart(2);
    cluster.propose(0, 'after-copy');
    const last = cluster.core(0).status().lastIndex;
    assert.deepEqual(cluster.core(0).resetServer(2), { ok: true });
    assert.deepEqual(
      [progressOf(cluster, 2)?.state, progressOf(cluster, 2)?.next],
      ['probe', last + 1n],
    );
    cluster.drain(0);
    cluster.stabilize();
    cluster.tick(0, cluster.config.heartbeatTicks);
    cluster.stabilize();
    assert.equal(progressOf(cluster, 2)?.state, 'replicate');
    assert.equal(progressOf(cluster, 2)?.match, last);
    assert.deepEqual(cluster.values(2).slice(-1), ['after-copy']);
  });

  it('server-reset needs the leader and a known follower', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.elect(0);
    assert.deepEqual(cluster.core(1).resetServer(2), {
      ok: false,
      reason: 'not-leader',
      leader: 0,
    });
    assert.deepEqual(cluster.core(0).resetServer(9), { ok: false, reason: 'unknown-server' });
    assert.deepEqual(cluster.core(0).resetServer(0), { ok: false, reason: 'unknown-server' });
  });

  it('a follower whose missing entries are still held catches up by walking back', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.elect(0);
    cluster.crash(2);
    for (let i = 0; i < 10; i++) cluster.propose(0, `v${i}`);
    cluster.stabilize();
    cluster.restart(2);
    cluster.tick(0, cluster.config.heartbeatTicks);
    cluster.stabilize();
    cluster.tick(0, cluster.config.heartbeatTicks);
    cluster.stabilize();
    assert.equal(progressOf(cluster, 2)?.state, 'replicate');
    assert.equal(cluster.values(2).length, 10);
  });
});
