import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  caughtUpProblem,
  healthProblems,
  isSolo,
  quorumProblem,
  rerunCommand,
} from '../../src/ha-wizard/index.js';
import type { ZoneProgressView, ZoneServerAnswers } from '../../src/zone/index.js';

const member = (id: number) => ({
  id,
  name: `server-${id}`,
  endpoint: `http://127.0.0.${id + 2}:2633/RPC2`,
});

function view(id: number, state: number, o: Partial<ZoneProgressView> = {}): ZoneProgressView {
  return {
    serverId: id,
    state,
    term: 3,
    leader: 0,
    commit: 100n,
    applied: 100n,
    firstIndex: 1n,
    lastIndex: 100n,
    voters: [],
    learners: [],
    followers: [],
    ...o,
  };
}

/** Server 0 leads voters `voters`; `down` do not answer; `states` overrides a server's state. */
function zone(o: {
  voters: number[];
  learners?: number[];
  down?: number[];
  states?: Record<number, number>;
  followers?: ZoneProgressView['followers'];
  applied?: Record<number, bigint>;
}): ZoneServerAnswers {
  const ids = [...o.voters, ...(o.learners ?? [])];
  const servers = ids.map((id) => {
    const s = member(id);
    if (o.down?.includes(id)) {
      return { ...s, answer: { ok: false as const, unsupported: false, message: 'ECONNREFUSED' } };
    }
    const state = o.states?.[id] ?? (id === 0 ? 3 : 2);
    return {
      ...s,
      answer: {
        ok: true as const,
        value: view(id, state, {
          voters: o.voters.map(member),
          learners: (o.learners ?? []).map(member),
          applied: o.applied?.[id] ?? 100n,
          followers:
            id === 0
              ? (o.followers ??
                ids
                  .filter((f) => f !== 0)
                  .map((f) => ({
                    id: f,
                    match: 100n,
                    next: 101n,
                    replication: 'replicate',
                    active: true,
                  })))
              : [],
        }),
      },
    };
  });
  const leader = servers.find((s) => s.answer.ok && s.answer.value.state === 3);
  return { servers, leader: leader as ZoneServerAnswers['leader'] };
}

describe('ha-wizard/zone-state', () => {
  it('a zone is healthy with one leader and the rest following, or a single solo server', () => {
    assert.deepEqual(healthProblems(zone({ voters: [0, 1, 2] })), []);
    const solo = zone({ voters: [0], states: { 0: 0 } });
    solo.servers[0]!.id = -1;
    assert.deepEqual(healthProblems(solo), []);
    assert.equal(isSolo(solo), true);
    assert.equal(isSolo(zone({ voters: [0] })), false);
    assert.equal(healthProblems(zone({ voters: [0, 1, 2], down: [2] })).length, 1);
    assert.equal(healthProblems(zone({ voters: [0, 1], states: { 1: 1 } })).length, 1);
    assert.match(healthProblems(zone({ voters: [0, 1], learners: [2] }))[0]!, /learner/);
    assert.match(healthProblems(zone({ voters: [0, 1], states: { 1: 3 } }))[0]!, /2 servers/);
  });

  it('refuses a removal that leaves fewer running voters than a quorum', () => {
    assert.equal(quorumProblem(zone({ voters: [0, 1, 2] }), 2), undefined);
    assert.equal(quorumProblem(zone({ voters: [0, 1] }), 1), undefined);
    assert.match(quorumProblem(zone({ voters: [0] }), 0)!, /last voter/);
    // Three of five run: removing a running one leaves two of four, short of three.
    assert.match(quorumProblem(zone({ voters: [0, 1, 2, 3, 4], down: [3, 4] }), 2)!, /2 of the 4/);
    assert.equal(quorumProblem(zone({ voters: [0, 1, 2, 3, 4], down: [3, 4] }), 4), undefined);
  });

  it('a server has caught up once it is a voter that follows, applied, and is replicated to', () => {
    assert.equal(caughtUpProblem(zone({ voters: [0, 1] }), 1, 100n), undefined);
    assert.match(caughtUpProblem(zone({ voters: [0], learners: [1] }), 1, 100n)!, /learner/);
    assert.match(caughtUpProblem(zone({ voters: [0] }), 1, 100n)!, /not a member/);
    assert.match(caughtUpProblem(zone({ voters: [0, 1], down: [1] }), 1, 100n)!, /does not answer/);
    assert.match(
      caughtUpProblem(zone({ voters: [0, 1], applied: { 1: 90n } }), 1, 100n)!,
      /applied 90/,
    );
    const probing = zone({
      voters: [0, 1],
      followers: [{ id: 1, match: 100n, next: 101n, replication: 'probe', active: true }],
    });
    assert.match(caughtUpProblem(probing, 1, 100n)!, /probe/);
    const reset = zone({
      voters: [0, 1],
      followers: [{ id: 1, match: 10n, next: 11n, replication: 'needs-reset', active: true }],
    });
    assert.match(caughtUpProblem(reset, 1, 100n)!, /outside/);
  });
});

describe('ha-wizard/rerun-command', () => {
  it('repeats the arguments without one-off flags, quoted for a shell', () => {
    assert.equal(
      rerunCommand('onezone ha-add', [
        '--zone',
        '0',
        '--dry-run',
        '--name',
        "fe 2's",
        '--stop-after-step',
        '3',
        '--restart',
        '--stop-after-step=4',
        '--yes',
      ]),
      `onezone ha-add --zone 0 --name 'fe 2'\\''s' --yes`,
    );
  });
});
