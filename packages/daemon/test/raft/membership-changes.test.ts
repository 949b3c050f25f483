import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { TestCluster } from './cluster.js';

const heartbeat = (cluster: TestCluster, leader: number) => {
  cluster.tick(leader, cluster.config.heartbeatTicks);
  cluster.stabilize();
};

describe('raft/membership changes', () => {
  it('a change takes effect on every server when its entry commits, not when appended', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.elect(0);
    cluster.add(3, { voters: [0, 1, 2], learners: [] }).start();
    const result = cluster
      .core(0)
      .proposeMembership({ type: 'add-learner', id: 3 }, { force: false });
    assert.deepEqual(result, { ok: true, index: 2n });
    assert.deepEqual(cluster.core(0).status().membership, { voters: [0, 1, 2], learners: [] });
    cluster.drain(0);
    cluster.stabilize();
    heartbeat(cluster, 0);
    for (const id of [0, 1, 2]) {
      assert.deepEqual(cluster.core(id).status().membership, { voters: [0, 1, 2], learners: [3] });
      assert.ok(cluster.readies.get(id)?.some((r) => r.membership?.learners.includes(3)));
    }
    cluster.propose(0, 'a');
    cluster.stabilize();
    heartbeat(cluster, 0);
    assert.deepEqual(cluster.values(3), ['a'], 'the learner replicates');
    assert.deepEqual(cluster.core(3).status().membership.learners, [3]);
  });

  it('allows one uncommitted change at a time, and none before the no-op commits', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2], learners: [3] });
    cluster.timeout(0);
    cluster.deliver((m) => m.type === 'vote-request');
    cluster.deliver((m) => m.type === 'vote-response');
    const core = cluster.core(0);
    assert.deepEqual(core.proposeMembership({ type: 'promote', id: 3 }, { force: false }), {
      ok: false,
      reason: 'reconciling',
    });
    cluster.stabilize();
    assert.equal(core.proposeMembership({ type: 'promote', id: 3 }, { force: false }).ok, true);
    assert.deepEqual(core.proposeMembership({ type: 'remove', id: 2 }, { force: false }), {
      ok: false,
      reason: 'membership-pending',
    });
    cluster.drain(0);
    cluster.stabilize();
    assert.equal(core.proposeMembership({ type: 'remove', id: 2 }, { force: false }).ok, true);
  });

  it('names what makes a change invalid', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.elect(0);
    const core = cluster.core(0);
    assert.deepEqual(core.proposeMembership({ type: 'promote', id: 1 }, { force: false }), {
      ok: false,
      reason: 'invalid-change',
      problem: 'not-learner',
    });
    assert.deepEqual(core.proposeMembership({ type: 'add-learner', id: 2 }, { force: true }), {
      ok: false,
      reason: 'invalid-change',
      problem: 'already-member',
    });
    assert.deepEqual(
      cluster.core(1).proposeMembership({ type: 'remove', id: 2 }, { force: true }),
      {
        ok: false,
        reason: 'not-leader',
        leader: 0,
      },
    );
  });

  it('refuses a change that leaves the active voters short of a majority, unless forced', () => {
    const cluster = new TestCluster({
      voters: [0, 1, 2],
      learners: [3],
      config: { checkQuorum: false },
    });
    cluster.elect(0);
    cluster.crash(2);
    cluster.crash(3);
    // Two check-quorum windows pass without news from 2 and 3.
    cluster.tick(0, 2 * cluster.config.electionTicks);
    cluster.stabilize();
    const core = cluster.core(0);
    assert.deepEqual(core.proposeMembership({ type: 'promote', id: 3 }, { force: false }), {
      ok: false,
      reason: 'quorum-loss',
    });
    assert.deepEqual(core.proposeMembership({ type: 'remove', id: 1 }, { force: false }), {
      ok: false,
      reason: 'quorum-loss',
    });
    assert.equal(
      core.proposeMembership({ type: 'remove', id: 2 }, { force: false }).ok,
      true,
      '0 and 1 are active',
    );
    cluster.drain(0);
    cluster.stabilize();
    assert.equal(core.proposeMembership({ type: 'promote', id: 3 }, { force: true }).ok, true);
  });

  it('a leader that commits its own removal hands over, then steps down', () => {
    // Server 2 waits longer, so that server 1 campaigns once 2's lease on 0 ran out.
    const cluster = new TestCluster({ voters: [0, 1, 2], rng: (id) => () => (id === 2 ? 0.5 : 0) });
    cluster.elect(0);
    assert.equal(
      cluster.core(0).proposeMembership({ type: 'remove', id: 0 }, { force: false }).ok,
      true,
    );
    cluster.drain(0);
    cluster.stabilize();
    const leaving = cluster.core(0).status();
    assert.deepEqual([leaving.role, leaving.membership.voters], ['leader', [1, 2]]);
    assert.deepEqual(cluster.propose(0, 'refused'), { ok: false, reason: 'removed' });
    heartbeat(cluster, 0);
    assert.equal(cluster.core(0).status().role, 'follower');
    cluster.tick(2, cluster.config.electionTicks);
    cluster.elect(1);
    assert.equal(cluster.core(1).status().role, 'leader');
    assert.deepEqual(cluster.core(1).status().membership.voters, [1, 2]);
    cluster.propose(1, 'a');
    cluster.stabilize();
    heartbeat(cluster, 1);
    assert.deepEqual([cluster.values(1), cluster.values(2), cluster.values(0)], [['a'], ['a'], []]);
    // The removed server never campaigns.
    cluster.tick(0, 5 * cluster.config.electionTicks);
    assert.equal(cluster.core(0).status().role, 'follower');
  });

  it('a candidate learns the commit index from vote answers (how a voter left behind learns of a removal)', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2], config: { checkQuorum: false } });
    cluster.elect(0);
    cluster.propose(0, 'a');
    // Server 2 stores 'a' but never hears that it committed.
    cluster.deliver((m) => m.type === 'append');
    cluster.deliver((m) => m.type === 'append-response');
    cluster.take(() => true);
    assert.equal(cluster.core(1).status().commit, 1n);
    cluster.core(1).step({
      type: 'heartbeat',
      from: 0,
      to: 1,
      term: 1,
      commit: 2n,
      context: undefined,
    });
    cluster.drain(1);
    cluster.take(() => true);
    cluster.crash(0);
    assert.deepEqual([cluster.core(1).status().commit, cluster.core(2).status().commit], [2n, 1n]);
    cluster.timeout(2);
    cluster.deliver((m) => m.type === 'vote-request');
    cluster.deliver((m) => m.type === 'vote-response');
    assert.equal(cluster.core(2).status().commit, 2n);
    assert.deepEqual(cluster.values(2), ['a']);
  });
});
