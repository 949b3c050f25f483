import assert from 'node:assert/strict';
import {
  healthServers,
  renderZoneHealth,
  type ZoneHealth,
  type ZoneProgressView,
  type ZoneServerAnswer,
  type ZoneServerAnswers,
} from '../../src/zone/index.js';

// The rows of `onezone health`, from each server's own answer and the leader's view.

const members = (ids: number[]) => ids.map((id) => ({ id, name: `fe-${id}`, endpoint: '' }));

function view(o: Partial<ZoneProgressView>): ZoneProgressView {
  return {
    serverId: 0,
    state: 2,
    term: 3,
    leader: 0,
    commit: 100n,
    applied: 100n,
    firstIndex: 1n,
    lastIndex: 100n,
    voters: members([0, 1, 2]),
    learners: members([3]),
    followers: [],
    ...o,
  };
}

function answered(id: number, value: ZoneProgressView): ZoneServerAnswer {
  return {
    id,
    name: `fe-${id}`,
    endpoint: `http://10.0.0.${id}:2633/RPC2`,
    answer: { ok: true, value },
  };
}

describe('zone/zone-health', () => {
  const leader = answered(
    0,
    view({
      state: 3,
      commit: 120n,
      applied: 120n,
      lastIndex: 121n,
      followers: [
        { id: 1, match: 120n, next: 121n, replication: 'replicate', active: true },
        { id: 2, match: 30n, next: 31n, replication: 'needs-reset', active: true },
        { id: 3, match: 0n, next: 1n, replication: 'probe', active: false },
      ],
    }),
  );
  const answers: ZoneServerAnswers = {
    leader: leader as ZoneServerAnswers['leader'],
    servers: [
      leader,
      answered(1, view({ serverId: 1, commit: 117n, applied: 115n })),
      answered(2, view({ serverId: 2, commit: 130n, applied: 30n, voters: [], learners: [] })),
      {
        id: 3,
        name: 'fe-3',
        endpoint: 'http://10.0.0.3:2633/RPC2',
        answer: { ok: false, unsupported: false, message: 'http://10.0.0.3:2633/RPC2: refused' },
      },
    ],
  };

  it("lists each server's own view, its role as the leader sees it and its lag", () => {
    assert.deepEqual(
      healthServers(answers).map((s) => [
        s.id,
        s.role,
        s.state,
        s.commit,
        s.applied,
        s.lag,
        s.replication,
        s.error,
      ]),
      [
        [0, 'voter', 'leader', 120n, 120n, 0n, null, null],
        [1, 'voter', 'follower', 117n, 115n, 3n, 'replicate', null],
        // A lag is never negative, and the leader's view of roles wins over the server's.
        [2, 'voter', 'follower', 130n, 30n, 0n, 'needs-reset', null],
        [3, 'learner', null, null, null, null, 'probe', 'http://10.0.0.3:2633/RPC2: refused'],
      ],
    );
  });

  it('takes roles from the server itself without a leader, and marks a solo server', () => {
    const alone: ZoneServerAnswers = {
      leader: undefined,
      servers: [
        answered(1, view({ serverId: 1, state: 1, learners: [] })),
        answered(-1, view({ state: 0, voters: [] })),
      ],
    };
    assert.deepEqual(
      healthServers(alone).map((s) => [s.id, s.role, s.state, s.lag]),
      [
        [1, 'voter', 'candidate', null],
        [-1, 'solo', 'solo', null],
      ],
    );
  });

  it('prints the table and the outcome of the probe write', () => {
    const health: ZoneHealth = {
      zone: { id: 0, name: 'OpenNebula', endpoint: 'http://10.0.0.9:2633/RPC2' },
      leader: 0,
      servers: healthServers(answers),
      probe: {
        endpoint: 'http://10.0.0.9:2633/RPC2',
        ok: true,
        index: 122n,
        latencyMs: 4,
        error: null,
      },
      healthy: true,
    };
    assert.equal(
      renderZoneHealth(health, { color: false }),
      'ID NAME            ROLE    STATE     TERM   COMMIT     APPLIED    LAG      NOTE\n' +
        ' 0 fe-0            voter   leader    3      120        120        0\n' +
        ' 1 fe-1            voter   follower  3      117        115        3\n' +
        " 2 fe-2            voter   follower  3      130        30         0        outside the leader's log: copy the leader's database, then server-reset\n" +
        ' 3 fe-3            learner -         -      -          -          -        http://10.0.0.3:2633/RPC2: refused\n' +
        '\n' +
        'PROBE: index 122 committed through http://10.0.0.9:2633/RPC2 in 4 ms\n',
    );
    const failed = {
      ...health,
      servers: [],
      probe: { ...health.probe, ok: false, index: null, latencyMs: null, error: 'no leader' },
    };
    assert.match(
      renderZoneHealth(failed, { color: false }),
      /\nPROBE: failed through http:\/\/10\.0\.0\.9:2633\/RPC2: no leader\n$/,
    );
  });
});
