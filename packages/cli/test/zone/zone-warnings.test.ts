import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  findLeader,
  followerLagWarningEntries,
  renderZoneWarnings,
  unknownRaftStatus,
  zoneWarnings,
  type FollowerView,
  type RaftStatusText,
  type ZoneServerStatus,
  type ZoneProgressView,
} from '../../src/zone/index.js';

// The warnings `onezone show` prints, from raftstatus answers and the leader's progress.

function status(state: string, term = '2'): RaftStatusText {
  return {
    STATE: state,
    TERM: term,
    VOTEDFOR: '0',
    COMMIT: '10',
    LOG_INDEX: '10',
    FEDLOG_INDEX: '-1',
  };
}

function server(id: number, raft: RaftStatusText): ZoneServerStatus {
  return { id: String(id), name: `fe-${id}`, endpoint: `http://10.0.0.${id}:2633/RPC2`, raft };
}

function progress(o: Partial<ZoneProgressView> & { followers: FollowerView[] }): ZoneProgressView {
  return {
    serverId: 0,
    state: 3,
    term: 2,
    leader: 0,
    commit: 5000n,
    applied: 5000n,
    firstIndex: 1n,
    lastIndex: 5000n,
    voters: [0, 1, 2].map((id) => ({ id, name: `fe-${id}`, endpoint: '' })),
    learners: [],
    ...o,
  };
}

function follower(id: number, match: bigint, replication = 'replicate'): FollowerView {
  return { id, match, next: match + 1n, replication, active: true };
}

const healthy = [server(0, status('3')), server(1, status('2')), server(2, status('2'))];

describe('zone/zone-warnings', () => {
  it('finds no problem in a zone whose followers keep up', () => {
    const leaderProgress = progress({
      followers: [follower(1, 5000n), follower(2, 5000n - followerLagWarningEntries)],
    });
    assert.deepEqual(zoneWarnings({ zoneId: 0, servers: healthy, leaderProgress }), []);
  });

  it('names a server that did not answer, and says when no server is the leader', () => {
    const servers = [server(0, status('2')), server(1, unknownRaftStatus), server(2, status('1'))];
    const warnings = zoneWarnings({ zoneId: 0, servers, leaderProgress: undefined });
    assert.deepEqual(
      warnings.map((w) => [w.kind, w.serverId]),
      [
        ['no-answer', 1],
        ['no-leader', undefined],
      ],
    );
    assert.equal(
      warnings[0]!.message,
      'server 1 (fe-1) did not answer at http://10.0.0.1:2633/RPC2',
    );
  });

  it('reports no missing leader in a zone of solo servers (HA not enabled yet)', () => {
    const servers = [server(0, status('0')), server(1, status('0'))];
    assert.deepEqual(zoneWarnings({ zoneId: 0, servers, leaderProgress: undefined }), []);
    const nobody = [server(0, unknownRaftStatus)];
    assert.deepEqual(
      zoneWarnings({ zoneId: 0, servers: nobody, leaderProgress: undefined }).map((w) => w.kind),
      ['no-answer', 'no-leader'],
    );
  });

  it('reports a follower too far behind, one outside the log, and a learner', () => {
    const leaderProgress = progress({
      followers: [
        follower(2, 5000n - followerLagWarningEntries - 1n),
        follower(1, 100n, 'needs-reset'),
        follower(3, 40n),
      ],
      learners: [
        { id: 3, name: 'fe-3', endpoint: '' },
        { id: 4, name: 'fe-4', endpoint: '' },
      ],
    });
    const warnings = zoneWarnings({ zoneId: 100, servers: healthy, leaderProgress });
    assert.deepEqual(
      warnings.map((w) => [w.kind, w.serverId]),
      [
        ['needs-reset', 1],
        ['behind', 2],
        ['learner', 3],
        ['learner', 4],
      ],
    );
    assert.match(warnings[0]!.message, /^server 1 \(fe-1\) .*onezone server-reset 100 1$/);
    assert.match(warnings[1]!.message, /^server 2 \(fe-2\) is 1001 entries behind/);
    assert.match(
      warnings[2]!.message,
      /^server 3 \(fe-3\) is a learner still catching up \(at index 40 of 5000\)/,
    );
  });

  it('warns about every server that did not answer, and about nothing else when all answered as followers of one leader (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
        fc.nat(),
        (answered, pick) => {
          const leaderAt = pick % answered.length;
          const servers = answered.map((ok, id) =>
            server(id, ok ? status(id === leaderAt ? '3' : '2') : unknownRaftStatus),
          );
          const warnings = zoneWarnings({ zoneId: 0, servers, leaderProgress: undefined });
          const silent = answered.flatMap((ok, id) => (ok ? [] : [id]));
          assert.deepEqual(
            warnings.filter((w) => w.kind === 'no-answer').map((w) => w.serverId),
            silent,
          );
          assert.equal(
            warnings.some((w) => w.kind === 'no-leader'),
            !answered[leaderAt],
          );
          assert.equal(warnings.length, silent.length + (answered[leaderAt] ? 0 : 1));
        },
      ),
    );
  });

  it('takes the leader of the highest term when two servers say they lead', () => {
    const servers = [
      server(0, status('3', '4')),
      server(1, status('3', '5')),
      server(2, status('2', '5')),
    ];
    assert.equal(findLeader(servers)?.id, '1');
    assert.equal(findLeader([server(0, status('2'))]), undefined);
  });

  it('prints one WARNING line per problem, yellow on a terminal', () => {
    const warnings = [
      { kind: 'no-leader' as const, message: 'no leader: no server reports being the leader' },
    ];
    assert.equal(
      renderZoneWarnings(warnings, { color: false }),
      'WARNING: no leader: no server reports being the leader\n',
    );
    assert.equal(
      renderZoneWarnings(warnings, { color: true }),
      '\u001b[33mWARNING: no leader: no server reports being the leader\u001b[0m\n',
    );
    assert.equal(renderZoneWarnings([], { color: true }), '');
  });
});
