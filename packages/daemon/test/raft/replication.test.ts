import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  MemoryRaftStorage,
  type AppendRequest,
  type Entry,
  type RaftMessage,
} from '../../src/raft/index.js';
import { TestCluster } from './cluster.js';
import type { Value } from './simulation/server.js';

const isAppendTo =
  (to: number) =>
  (m: RaftMessage<Value>): m is AppendRequest<Value> =>
    m.type === 'append' && m.to === to;

/** Entries 1..n with the given terms, values named after index/term. */
function entries(...terms: number[]): Entry<Value>[] {
  return terms.map((term, i) => ({
    index: BigInt(i + 1),
    term,
    data: { kind: 'data', value: `${i + 1}/${term}` },
  }));
}

describe('raft/replication (Raft §5.3, §5.4)', () => {
  it('refuses proposals on followers (naming the leader) and while the leader reconciles', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.timeout(0);
    cluster.deliver((m) => m.type === 'vote-request');
    cluster.deliver((m) => m.type === 'vote-response');
    assert.deepEqual(cluster.propose(0, 'early'), { ok: false, reason: 'reconciling' });
    cluster.stabilize();
    assert.deepEqual(cluster.propose(1, 'elsewhere'), {
      ok: false,
      reason: 'not-leader',
      leader: 0,
    });
    assert.deepEqual(cluster.propose(0, 'a'), { ok: true, index: 2n });
  });

  it('commits proposals on a majority and every server applies them in order', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2], learners: [3] });
    cluster.elect(0);
    for (const v of ['a', 'b', 'c']) cluster.propose(0, v);
    cluster.stabilize();
    cluster.tickAll(cluster.config.heartbeatTicks);
    cluster.stabilize();
    for (const id of [0, 1, 2, 3]) assert.deepEqual(cluster.values(id), ['a', 'b', 'c'], `#${id}`);
  });

  it('counts voters only: acknowledgements of a learner do not commit', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2], learners: [3] });
    cluster.elect(0);
    cluster.crash(1);
    cluster.crash(2);
    cluster.propose(0, 'a');
    cluster.stabilize();
    assert.equal(cluster.server(3).storage.lastIndex(), 2n, 'the learner holds the entry');
    assert.equal(cluster.core(0).status().commit, 1n);
    cluster.restart(1);
    cluster.tick(0, cluster.config.heartbeatTicks);
    cluster.stabilize();
    assert.equal(cluster.core(0).status().commit, 2n);
  });

  it('commits an entry of an older term only with one of its own term (§5.4.2, Figure 8)', () => {
    const cluster = new TestCluster({
      voters: [0, 1, 2],
      config: { maxEntriesPerAppend: 1, checkQuorum: false },
    });
    cluster.elect(0);
    cluster.propose(0, 'a');
    cluster.stabilize(); // 1: no-op, 2: a, both committed
    cluster.propose(0, 'x'); // 3: x in term 1, only on server 0
    cluster.take(() => true);
    // Server 1 wins term 2 with server 2's vote; its no-op never leaves, then it stops.
    cluster.timeout(1);
    cluster.deliver((m) => m.type === 'vote-request' && m.to === 2);
    cluster.deliver((m) => m.type === 'vote-response');
    assert.equal(cluster.core(1).status().role, 'leader');
    cluster.crash(1);
    cluster.take(() => true);
    // Server 0 wins term 3 and must bring x (term 1) and its no-op (term 3) to server 2.
    cluster.timeout(0);
    cluster.stabilize();
    cluster.timeout(0);
    // Hold back the no-op of term 3 once server 2 holds x.
    const storage2 = () => cluster.server(2).storage;
    const holdsX = () => storage2().lastIndex() >= 3n && storage2().term(3n) === 1;
    const carriesTerm3 = (m: RaftMessage<Value>) =>
      m.type === 'append' && m.entries.some((e) => e.term === 3);
    while (cluster.deliver((m) => !(carriesTerm3(m) && holdsX())));
    assert.equal(cluster.core(0).status().term, 3);
    assert.equal(cluster.server(2).storage.term(3n), 1, 'x reached a majority');
    assert.equal(cluster.core(0).status().commit, 2n, 'but counting alone does not commit it');
    cluster.stabilize();
    assert.equal(cluster.core(0).status().commit, 4n);
    assert.deepEqual(cluster.values(0), ['a', 'x']);
  });

  it('a follower commits no further than the entries the append proved it matches', () => {
    const cluster = new TestCluster({
      voters: [0, 1, 2],
      storage: (id) =>
        id === 1 ? new MemoryRaftStorage({ entries: entries(1, 1, 2, 2), applied: 1n }) : undefined,
    });
    cluster.core(1).step({
      type: 'append',
      from: 0,
      to: 1,
      term: 3,
      prevIndex: 1n,
      prevTerm: 1,
      entries: entries(1, 1).slice(1),
      commit: 4n,
    });
    assert.equal(cluster.core(1).status().commit, 2n, 'entries 3 and 4 of term 2 are stale');
  });

  it('heartbeats carry a commit index bounded by what the follower is known to hold', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.elect(0);
    cluster.crash(2);
    cluster.propose(0, 'a');
    cluster.stabilize();
    cluster.restart(2);
    cluster.tick(0, cluster.config.heartbeatTicks);
    const commits = cluster.inFlight.flatMap((m) =>
      m.type === 'heartbeat' ? [[m.to, m.commit]] : [],
    );
    assert.deepEqual(commits, [
      [1, 2n],
      [2, 1n],
    ]);
  });

  it('truncates a conflicting uncommitted suffix on a follower', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2], config: { checkQuorum: false } });
    cluster.elect(0);
    cluster.isolate(0);
    cluster.propose(0, 'lost1');
    cluster.propose(0, 'lost2');
    cluster.stabilize();
    cluster.heal();
    // Server 1 takes over and overwrites server 0's tail.
    cluster.timeout(1);
    cluster.stabilize();
    cluster.propose(1, 'kept');
    cluster.stabilize();
    cluster.tick(1, cluster.config.heartbeatTicks);
    cluster.stabilize();
    assert.deepEqual(cluster.values(0), ['kept']);
    assert.equal(cluster.server(0).storage.lastIndex(), 3n);
  });

  it('walks back a long conflicting term in one refusal, thanks to the hint', () => {
    const leaderLog = entries(1, 1, 1, 1, 1, ...Array<number>(20).fill(3));
    const staleLog = entries(1, 1, 1, 1, 1, ...Array<number>(25).fill(2));
    const cluster = new TestCluster({
      voters: [0, 1, 2],
      storage: (id) =>
        new MemoryRaftStorage({
          hardState: { term: 3, votedFor: -1 },
          entries: id === 2 ? staleLog : leaderLog,
          applied: 5n,
        }),
    });
    cluster.elect(0);
    const refusals = cluster.readies
      .get(2)
      ?.flatMap((r) => r.messages)
      .filter((m) => m.type === 'append-response' && !m.success);
    assert.equal(refusals?.length, 1);
    assert.equal(cluster.server(2).storage.lastIndex(), 26n);
    assert.equal(cluster.server(2).storage.term(25n), 3);
  });

  it('probes one append at a time, then pipelines up to maxInflightAppends', () => {
    const cluster = new TestCluster({
      voters: [0, 1, 2],
      config: { maxEntriesPerAppend: 1, maxInflightAppends: 3 },
    });
    cluster.timeout(0);
    cluster.deliver((m) => m.type === 'vote-request');
    cluster.deliver((m) => m.type === 'vote-response');
    // Leader now; the followers are probed with the no-op.
    cluster.core(0).propose('a'); // refused: reconciling, nothing sent
    assert.equal(cluster.inFlight.filter(isAppendTo(1)).length, 1);
    cluster.stabilize();
    for (const v of ['a', 'b', 'c', 'd', 'e']) cluster.propose(0, v);
    const appendsTo1 = () => cluster.inFlight.filter(isAppendTo(1));
    assert.equal(appendsTo1().length, 3, 'the window is full');
    while (cluster.inFlight.length) {
      assert.ok(appendsTo1().length <= 3);
      assert.ok(appendsTo1().every((m) => m.entries.length <= 1));
      cluster.deliver();
    }
    assert.equal(cluster.server(1).storage.lastIndex(), 6n);
  });

  it('batches up to maxEntriesPerAppend entries while the follower cannot take more', () => {
    const cluster = new TestCluster({
      voters: [0, 1, 2],
      config: { maxEntriesPerAppend: 2, maxInflightAppends: 1 },
    });
    cluster.elect(0);
    for (const v of ['a', 'b', 'c', 'd', 'e']) cluster.propose(0, v);
    const sizes: number[] = [];
    while (cluster.inFlight.length) {
      for (const m of cluster.inFlight.filter(isAppendTo(1))) {
        if (m.entries.length) sizes.push(m.entries.length);
      }
      cluster.deliver();
    }
    assert.deepEqual(sizes, [1, 2, 2]);
    assert.deepEqual(cluster.values(1), ['a', 'b', 'c', 'd', 'e']);
  });

  it('sends a burst of proposals to each follower as one append, answered once', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.elect(0);
    const core = cluster.core(0);
    for (const v of ['a', 'b', 'c', 'd']) core.propose(v);
    cluster.drain(0);
    const toOne = cluster.inFlight.filter(isAppendTo(1));
    assert.deepEqual(
      toOne.map((m) => m.entries.map((e) => e.index)),
      [[2n, 3n, 4n, 5n]],
    );
    cluster.deliver((m) => m.type === 'append');
    const answers = cluster.inFlight.filter((m) => m.type === 'append-response' && m.from === 1);
    assert.equal(answers.length, 1);
    cluster.stabilize();
    assert.deepEqual(cluster.values(1), ['a', 'b', 'c', 'd']);
  });

  it('a commit index alone goes quietly: accepted without an answer, refused with one', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.elect(0);
    cluster.propose(0, 'a');
    cluster.deliver((m) => m.type === 'append');
    cluster.deliver((m) => m.type === 'append-response');
    // The entry committed: the leader tells its followers with appends of no entries.
    const commitOnly = cluster.inFlight.filter(isAppendTo(1));
    assert.equal(commitOnly.length, 1);
    assert.equal(commitOnly[0]!.entries.length, 0);
    assert.equal(commitOnly[0]!.quiet, true);
    cluster.deliver((m) => m.type === 'append');
    assert.equal(cluster.inFlight.length, 0, 'no follower answered');
    assert.deepEqual(cluster.values(1), ['a']);
    assert.deepEqual(cluster.values(2), ['a']);
    // A quiet append that does not match the follower's log is still refused aloud.
    const stray = { ...commitOnly[0]!, prevIndex: 9n, prevTerm: commitOnly[0]!.prevTerm };
    cluster.core(1).step(stray);
    cluster.drain(1);
    const refusals = cluster.inFlight.filter((m) => m.type === 'append-response');
    assert.equal(refusals.length, 1);
    assert.equal(refusals[0]!.type === 'append-response' && refusals[0]!.success, false);
  });
});
