import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  MemoryRaftStorage,
  RaftCore,
  type Membership,
  type RaftConfig,
} from '../../src/raft/index.js';
import { testConfig } from './cluster.js';

const config: RaftConfig = { ...testConfig, id: 0 };
const solo: Membership = { voters: [0], learners: [] };
const zero = () => 0;

/** A single voter that has campaigned and handled everything up to now. */
function soloLeader() {
  const storage = new MemoryRaftStorage<string>();
  const core = new RaftCore<string>(config, storage, solo, zero);
  const settle = () => {
    for (let rd = core.ready(); rd; rd = core.ready()) {
      if (rd.hardState) storage.setHardState(rd.hardState);
      storage.append(rd.entries);
      const last = rd.committed.at(-1);
      if (last) storage.setApplied(last.index);
      core.advance(rd);
    }
  };
  for (let i = 0; i < config.electionTicks; i++) core.tick();
  settle();
  return { core, storage, settle };
}

describe('raft/core', () => {
  it('has nothing to do until something happens', () => {
    const core = new RaftCore<string>(
      config,
      new MemoryRaftStorage(),
      { voters: [0, 1, 2], learners: [] },
      zero,
    );
    assert.equal(core.ready(), undefined);
    core.tick();
    assert.equal(core.ready(), undefined);
  });

  it('reports a campaign: new term and own vote to persist, soft state, requests to send', () => {
    const core = new RaftCore<string>(
      config,
      new MemoryRaftStorage(),
      { voters: [0, 1, 2], learners: [] },
      zero,
    );
    for (let i = 0; i < config.electionTicks; i++) core.tick();
    const rd = core.ready();
    assert.deepEqual(rd?.hardState, { term: 1, votedFor: 0 });
    assert.deepEqual(rd?.softState, {
      role: 'candidate',
      leader: undefined,
      term: 1,
      reconciling: false,
    });
    assert.deepEqual(
      rd?.messages.map((m) => [m.type, m.to]),
      [
        ['vote-request', 1],
        ['vote-request', 2],
      ],
    );
    assert.equal(core.ready(), undefined, 'nothing is handed out twice');
  });

  it('counts the leader’s own entries toward commit only once they are persisted', () => {
    const { core, storage } = soloLeader();
    assert.deepEqual(core.propose('a'), { ok: true, index: 2n });
    const rd = core.ready();
    assert.deepEqual(
      rd?.entries.map((e) => e.data),
      [{ kind: 'data', value: 'a' }],
    );
    assert.deepEqual(rd?.committed, []);
    assert.equal(rd?.hardState, undefined, 'term and vote did not change');
    assert.equal(core.ready(), undefined, 'the same entries are not handed out again');
    if (!rd) return;
    storage.append(rd.entries);
    core.advance(rd);
    assert.deepEqual(
      core.ready()?.committed.map((e) => e.index),
      [2n],
    );
  });

  it('lets a leader’s appends leave before its persist only once its term and vote are durable', () => {
    const storage = new MemoryRaftStorage<string>();
    const three: Membership = { voters: [0, 1, 2], learners: [] };
    const core = new RaftCore<string>(config, storage, three, zero);
    const handle = (rd: NonNullable<ReturnType<typeof core.ready>>) => {
      if (rd.hardState) storage.setHardState(rd.hardState);
      storage.append(rd.entries);
      core.advance(rd);
    };
    for (let i = 0; i < config.electionTicks; i++) core.tick();
    const campaign = core.ready();
    assert.deepEqual(campaign?.earlyMessages, [], 'vote requests wait for the new term on disk');
    if (!campaign) return;
    handle(campaign);
    const granted = { type: 'vote-response', from: 1, to: 0, term: 1, granted: true } as const;
    core.step({ ...granted, commit: 0n, commitTerm: 0 });
    const elected = core.ready();
    assert.deepEqual(
      elected?.earlyMessages.map((m) => [m.type, m.to]),
      [
        ['append', 1],
        ['append', 2],
      ],
      'the no-op goes out while the leader writes it',
    );
    assert.deepEqual(elected?.messages, []);
    if (!elected) return;
    handle(elected);
    // A follower's answer waits for the persist: it speaks for the follower's disk.
    core.step({ type: 'vote-request', from: 2, to: 0, term: 1, lastIndex: 0n, lastTerm: 0 });
    const refusal = core.ready();
    assert.deepEqual(refusal?.earlyMessages, []);
    assert.deepEqual(
      refusal?.messages.map((m) => m.type),
      ['vote-response'],
    );
  });

  it('reports a leader that reconciles, then one that accepts writes', () => {
    const storage = new MemoryRaftStorage<string>();
    const core = new RaftCore<string>(config, storage, solo, zero);
    for (let i = 0; i < config.electionTicks; i++) core.tick();
    const rd = core.ready();
    assert.deepEqual(rd?.softState, { role: 'leader', leader: 0, term: 1, reconciling: true });
    if (!rd) return;
    storage.append(rd.entries);
    core.advance(rd);
    assert.deepEqual(core.ready()?.softState, {
      role: 'leader',
      leader: 0,
      term: 1,
      reconciling: false,
    });
  });

  it('restarts from storage: term and vote kept, commit at the applied index', () => {
    const { core, storage, settle } = soloLeader();
    core.propose('a');
    core.propose('b');
    settle();
    storage.setApplied(2n); // 'b' was committed but not applied before the crash
    const restarted = new RaftCore<string>(config, storage, solo, zero);
    const status = restarted.status();
    assert.deepEqual(
      [status.term, status.votedFor, status.commit, status.applied, status.lastIndex, status.role],
      [1, 0, 2n, 2n, 3n, 'follower'],
    );
    for (let i = 0; i < config.electionTicks; i++) restarted.tick();
    const rd = restarted.ready();
    assert.deepEqual(rd?.hardState, { term: 2, votedFor: 0 });
  });

  it('reports status with per-server progress on the leader', () => {
    const { core } = soloLeader();
    const status = core.status();
    assert.deepEqual(status.progress, [
      { id: 0, match: 1n, next: 2n, state: 'probe', recentlyActive: true, inflight: 0 },
    ]);
    assert.deepEqual(status.membership, solo);
    assert.equal(status.firstIndex, 1n);
  });

  it('refuses an invalid configuration, naming the field', () => {
    const make =
      (c: Partial<RaftConfig>, membership = solo) =>
      () =>
        new RaftCore<string>({ ...config, ...c }, new MemoryRaftStorage(), membership, zero);
    assert.throws(make({ electionTicks: 0 }), {
      code: 'CONFIG_INVALID',
      where: { field: 'electionTicks' },
    });
    assert.throws(make({ heartbeatTicks: 10 }), {
      code: 'CONFIG_INVALID',
      where: { field: 'heartbeatTicks' },
    });
    assert.throws(make({ maxInflightAppends: 1.5 }), {
      code: 'CONFIG_INVALID',
      where: { field: 'maxInflightAppends' },
    });
    assert.throws(make({ maxEntriesPerAppend: 0 }), {
      code: 'CONFIG_INVALID',
      where: { field: 'maxEntriesPerAppend' },
    });
    assert.throws(make({ id: -1 }), { code: 'CONFIG_INVALID', where: { field: 'id' } });
    assert.throws(make({}, { voters: [], learners: [0] }), {
      code: 'CONFIG_INVALID',
      where: { field: 'membership' },
    });
  });
});
