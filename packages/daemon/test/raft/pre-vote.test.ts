import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { TestCluster } from './cluster.js';

/** Ticks every server and delivers everything, `rounds` times. */
function run(cluster: TestCluster, rounds: number): void {
  for (let i = 0; i < rounds; i++) {
    cluster.tickAll();
    cluster.stabilize();
  }
}

/** A leader elected, then server 2 cut off for five election timeouts and healed. */
function rejoinAfterPartition(preVote: boolean) {
  const cluster = new TestCluster({ voters: [0, 1, 2], config: { preVote } });
  cluster.elect(0);
  const term = cluster.core(0).status().term;
  cluster.isolate(2);
  run(cluster, 5 * cluster.config.electionTicks);
  const isolatedTerm = cluster.core(2).status().term;
  cluster.heal();
  run(cluster, 3 * cluster.config.electionTicks);
  return { cluster, term, isolatedTerm };
}

describe('raft/pre-vote', () => {
  it('a server cut off keeps its term and, back, does not disturb the healthy leader', () => {
    const { cluster, term, isolatedTerm } = rejoinAfterPartition(true);
    assert.equal(isolatedTerm, term, 'pre-votes that nobody answered raised no term');
    for (const id of [0, 1, 2]) {
      const status = cluster.core(id).status();
      assert.deepEqual([status.term, status.leader], [term, 0], `server ${id}`);
    }
  });

  it('without pre-vote the same rejoin makes the leader step down (what pre-vote prevents)', () => {
    const { cluster, term, isolatedTerm } = rejoinAfterPartition(false);
    assert.ok(isolatedTerm > term);
    assert.ok(cluster.core(0).status().term > term);
  });

  it('changes no term and no vote until a majority grants pre-votes, then campaigns', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2], config: { preVote: true } });
    cluster.timeout(0);
    const asked = cluster.readies.get(0)!.at(-1)!;
    assert.equal(asked.hardState, undefined, 'term and vote unchanged');
    assert.deepEqual(
      asked.messages.map((m) => m.type === 'vote-request' && [m.to, m.term, m.preVote]),
      [
        [1, 1, true],
        [2, 1, true],
      ],
    );
    cluster.deliver((m) => m.type === 'vote-request');
    for (const id of [1, 2]) {
      assert.deepEqual(cluster.server(id).storage.initialState().hardState, {
        term: 0,
        votedFor: -1,
      });
    }
    cluster.stabilize();
    const status = cluster.core(0).status();
    assert.deepEqual([status.role, status.term], ['leader', 1]);
  });

  it('is refused while the voter hears from its leader, and to an outdated log', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2], config: { preVote: true } });
    cluster.elect(0);
    cluster.propose(0, 'x');
    cluster.stabilize();
    // Server 2 missed nothing but its lease is fresh: its question is ignored.
    cluster.timeout(2);
    const lease = cluster.take((m) => m.type === 'vote-request');
    assert.equal(lease.length, 2);
    for (const m of lease) {
      cluster.core(m.to).step(m);
      cluster.drain(m.to);
    }
    assert.deepEqual(
      cluster.take((m) => m.type === 'vote-response'),
      [],
    );
    // A voter past its lease still refuses a log behind its own.
    cluster.isolate(2);
    cluster.propose(0, 'y');
    cluster.stabilize();
    cluster.heal();
    cluster.tick(1, 2 * cluster.config.electionTicks);
    cluster.take(() => true);
    cluster.timeout(2);
    const [toOne] = cluster.take((m) => m.type === 'vote-request' && m.to === 1);
    assert.ok(toOne);
    cluster.core(1).step(toOne);
    cluster.drain(1);
    const answers = cluster.take((m) => m.type === 'vote-response' && m.to === 2);
    assert.deepEqual(
      answers.map((m) => m.type === 'vote-response' && [m.granted, m.refusal, m.preVote]),
      [[false, 'outdated-log', true]],
    );
  });
});
