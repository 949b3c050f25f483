import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { RaftMessage, VoteResponse } from '../../src/raft/index.js';
import { TestCluster } from './cluster.js';
import type { Value } from './simulation/server.js';

const votesTo = (cluster: TestCluster, to: number) =>
  cluster.inFlight.filter((m): m is VoteResponse => m.type === 'vote-response' && m.to === to);
const voteRequest = (o: {
  from: number;
  to: number;
  term: number;
  lastIndex: bigint;
  lastTerm: number;
}): RaftMessage<Value> => ({ type: 'vote-request', ...o });

describe('raft/election (Raft §5.2)', () => {
  it('a single voter elects itself and commits its no-op', () => {
    const cluster = new TestCluster({ voters: [0] });
    cluster.timeout(0);
    const status = cluster.core(0).status();
    assert.equal(status.role, 'leader');
    assert.equal(status.term, 1);
    assert.equal(status.reconciling, false);
    assert.equal(status.commit, 1n);
    assert.deepEqual(
      cluster.applied.get(0)?.map((e) => e.data),
      [undefined],
      'the no-op is applied',
    );
  });

  it('a follower campaigns when its randomized timeout runs out, and wins a majority', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.tick(0, cluster.config.electionTicks - 1);
    assert.equal(cluster.core(0).status().role, 'follower');
    cluster.tick(0);
    assert.equal(cluster.core(0).status().role, 'candidate');
    assert.deepEqual(
      cluster.inFlight.map((m) => [m.type, m.to, m.term]),
      [
        ['vote-request', 1, 1],
        ['vote-request', 2, 1],
      ],
    );
    cluster.stabilize();
    assert.equal(cluster.core(0).status().role, 'leader');
    for (const id of [1, 2]) {
      assert.deepEqual(
        [cluster.core(id).status().role, cluster.core(id).status().leader],
        ['follower', 0],
      );
    }
  });

  it('draws the election timeout from the injected rng, in [electionTicks, 2*electionTicks)', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2], rng: () => () => 0.999 });
    const last = 2 * cluster.config.electionTicks - 1;
    cluster.tick(0, last - 1);
    assert.equal(cluster.core(0).status().role, 'follower');
    cluster.tick(0);
    assert.equal(cluster.core(0).status().role, 'candidate');
  });

  it('learners and servers outside the configuration never campaign', () => {
    const cluster = new TestCluster({ voters: [0], learners: [1] });
    cluster.add(7, { voters: [0], learners: [1] }).start();
    cluster.tick(1, 100);
    cluster.tick(7, 100);
    assert.equal(cluster.core(1).status().role, 'follower');
    assert.equal(cluster.core(7).status().role, 'follower');
    assert.deepEqual(cluster.inFlight, []);
  });

  it('persists the vote in the same Ready as the answer that grants it', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.core(1).step(voteRequest({ from: 0, to: 1, term: 1, lastIndex: 0n, lastTerm: 0 }));
    const ready = cluster.core(1).ready();
    assert.deepEqual(ready?.hardState, { term: 1, votedFor: 0 });
    assert.deepEqual(
      ready?.messages.map((m) => m.type === 'vote-response' && m.granted),
      [true],
    );
  });

  it('refuses votes as oned does: outdated term, outdated log, already voted', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2], config: { checkQuorum: false } });
    cluster.elect(0);
    cluster.propose(0, 'a');
    cluster.stabilize();
    const core1 = cluster.core(1);
    const { lastIndex, lastTerm, term } = core1.status();

    core1.step(voteRequest({ from: 2, to: 1, term: term - 1, lastIndex, lastTerm }));
    core1.step(
      voteRequest({ from: 2, to: 1, term: term + 1, lastIndex: lastIndex - 1n, lastTerm }),
    );
    core1.step(voteRequest({ from: 2, to: 1, term: term + 1, lastIndex, lastTerm: lastTerm - 1 }));
    core1.step(voteRequest({ from: 2, to: 1, term: term + 1, lastIndex, lastTerm }));
    core1.step(voteRequest({ from: 0, to: 1, term: term + 1, lastIndex, lastTerm }));
    cluster.drain(1);
    assert.deepEqual(
      votesTo(cluster, 2).map((m) => [m.term, m.granted, m.refusal]),
      [
        [term, false, 'outdated-term'],
        [term + 1, false, 'outdated-log'],
        [term + 1, false, 'outdated-log'],
        [term + 1, true, undefined],
      ],
    );
    assert.deepEqual(
      votesTo(cluster, 0).map((m) => [m.granted, m.refusal]),
      [[false, 'already-voted']],
    );
  });

  it('a candidate that a majority refuses becomes a follower again', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2], config: { checkQuorum: false } });
    cluster.elect(0);
    cluster.isolate(2);
    cluster.propose(0, 'a');
    cluster.stabilize();
    cluster.heal();
    cluster.timeout(2);
    cluster.stabilize();
    const status = cluster.core(2).status();
    assert.deepEqual([status.role, status.term, status.leader], ['follower', 2, undefined]);
  });

  it('adopts a higher term and its leader from an append, stepping down if it led', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.elect(0);
    cluster.core(0).step({
      type: 'heartbeat',
      from: 2,
      to: 0,
      term: 9,
      commit: 0n,
      context: undefined,
    });
    const status = cluster.core(0).status();
    assert.deepEqual([status.role, status.term, status.leader], ['follower', 9, 2]);
  });

  it('a stale leader that hears a higher term in an answer steps down', () => {
    // Server 2 waits 1.5 election timeouts, so its lease on leader 0 runs out first.
    const cluster = new TestCluster({ voters: [0, 1, 2], rng: (id) => () => (id === 2 ? 0.5 : 0) });
    cluster.elect(0);
    cluster.isolate(0);
    cluster.tick(2, cluster.config.electionTicks);
    cluster.elect(1);
    cluster.heal();
    assert.equal(cluster.core(1).status().role, 'leader');
    assert.equal(cluster.core(0).status().role, 'leader');
    cluster.propose(0, 'lost');
    cluster.stabilize();
    assert.deepEqual(
      [cluster.core(0).status().role, cluster.core(0).status().term],
      ['follower', 2],
    );
    assert.deepEqual(cluster.values(0), [], 'the stale proposal never commits');
  });

  it('with checkQuorum, a server that hears from its leader ignores a disruptive candidate', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.elect(0);
    const { lastIndex, lastTerm } = cluster.core(1).status();
    cluster.core(1).step(voteRequest({ from: 2, to: 1, term: 5, lastIndex, lastTerm }));
    cluster.drain(1);
    assert.equal(cluster.core(1).status().term, 1);
    assert.deepEqual(votesTo(cluster, 2), [], 'no answer at all');
  });

  it('without checkQuorum, the same candidate raises the term', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2], config: { checkQuorum: false } });
    cluster.elect(0);
    const { lastIndex, lastTerm } = cluster.core(1).status();
    cluster.core(1).step(voteRequest({ from: 2, to: 1, term: 5, lastIndex, lastTerm }));
    assert.equal(cluster.core(1).status().term, 5);
  });
});
