import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { eventually, removeLeftovers, startHaFixture, type HaFixture } from './ha-fixture.js';

// `onezone health` and `onezone check` as processes against a real zone of three daemons:
// a healthy zone, a follower whose database was changed behind the log's back, one server
// stopped (the zone still commits), two stopped (it cannot).

interface HealthJson {
  zone: { id: number; name: string; endpoint: string };
  leader: number;
  servers: {
    id: number;
    name: string;
    endpoint: string;
    role: string | null;
    state: string | null;
    term: number | null;
    commit: number | null;
    applied: number | null;
    lag: number | null;
    replication: string | null;
    error: string | null;
  }[];
  probe: {
    endpoint: string;
    ok: boolean;
    index: number | null;
    latencyMs: number | null;
    error: string | null;
  };
  healthy: boolean;
}

interface CheckJson {
  zone: { id: number; name: string };
  leader: number;
  index: number | null;
  servers: {
    id: number;
    name: string;
    status: string;
    index: number | null;
    hash: string | null;
    error: string | null;
  }[];
  consistent: boolean;
  error: string | null;
}

const warnings = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('WARNING: '));

describe('zone/ha health and check (processes)', function () {
  this.timeout(120_000);
  let ha: HaFixture;
  let diverged: number;

  before(async () => {
    ha = await startHaFixture({ servers: 3 });
  });
  after(async () => {
    await ha?.close();
    removeLeftovers();
  });

  it('reports a healthy zone: every server, its lag, and a committed probe write', async () => {
    const text = await ha.onezone(['health', '0']);
    assert.equal(text.status, 0, text.stderr);
    const lines = text.stdout.split('\n');
    assert.equal(
      lines[0],
      'ID NAME            ROLE    STATE     TERM   COMMIT     APPLIED    LAG      NOTE',
    );
    assert.deepEqual(
      lines
        .slice(1, 4)
        .map((l) => /^ (\d) server-\1 +voter +(leader|follower) +\d+ +\d+ +\d+ +\d+$/.test(l)),
      [true, true, true],
    );
    assert.match(
      lines.slice(4).join('\n'),
      new RegExp(
        `^\\nPROBE: index \\d+ committed through ${ha.zone.roots[0]!.endpoint} in \\d+ ms\\n$`,
      ),
    );
    assert.match(text.stderr, /Committing a probe write/);

    const json = await ha.onezone(['health', '0', '--json']);
    assert.equal(json.status, 0, json.stderr);
    const health = JSON.parse(json.stdout) as HealthJson;
    assert.deepEqual(health.zone, {
      id: 0,
      name: 'OpenNebula',
      endpoint: ha.zone.roots[0]!.endpoint,
    });
    assert.equal(health.leader, await ha.zone.waitForLeader());
    assert.deepEqual(
      health.servers.map((s) => [s.id, s.name, s.role, s.error]),
      [0, 1, 2].map((id) => [id, `server-${id}`, 'voter', null]),
    );
    const leader = health.servers.find((s) => s.id === health.leader)!;
    assert.deepEqual([leader.state, leader.lag, leader.replication], ['leader', 0, null]);
    for (const s of health.servers) {
      assert.equal(typeof s.commit, 'number');
      assert.ok(s.applied! <= s.commit!, `${s.id} applied past its commit`);
    }
    assert.equal(health.healthy, true);
    assert.equal(health.probe.ok, true);
    assert.ok(health.probe.index! > Math.max(...health.servers.map((s) => s.commit!)) - 1);
    assert.equal(typeof health.probe.latencyMs, 'number');
  });

  it('finds every server in the same state', async () => {
    const text = await ha.onezone(['check', '0']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /\nAll 3 servers hold the same state at index \d+\.\n$/);
    const json = await ha.onezone(['check', '0', '--json']);
    assert.equal(json.status, 0, json.stderr);
    const check = JSON.parse(json.stdout) as CheckJson;
    assert.equal(check.consistent, true);
    assert.equal(check.error, null);
    assert.deepEqual(
      check.servers.map((s) => [s.id, s.status, s.index, s.error]),
      [0, 1, 2].map((id) => [id, 'equal', check.index, null]),
    );
    assert.equal(new Set(check.servers.map((s) => s.hash)).size, 1);
    assert.match(check.servers[0]!.hash!, /^[0-9a-f]{64}$/);
  });

  it('names a follower whose database was changed behind the log', async () => {
    diverged = await ha.follower();
    await ha.zone.stop(diverged);
    const db = new Database(ha.zone.roots[diverged]!.paths.sqliteDb);
    try {
      const changed = db
        .prepare(
          "UPDATE group_pool SET body = replace(body, 'users', 'users-changed') WHERE oid = 1",
        )
        .run();
      assert.equal(changed.changes, 1);
    } finally {
      db.close();
    }
    await ha.zone.start(diverged);
    const json = await ha.onezone(['check', '0', '--json']);
    assert.equal(json.status, 1);
    const check = JSON.parse(json.stdout) as CheckJson;
    assert.equal(check.consistent, false);
    assert.deepEqual(
      check.servers.map((s) => [s.id, s.status]),
      [0, 1, 2].map((id) => [id, id === diverged ? 'diverged' : 'equal']),
    );
    const text = await ha.onezone(['check', '0']);
    assert.equal(text.status, 1);
    assert.match(
      text.stdout,
      new RegExp(
        `\\nserver ${diverged} \\(server-${diverged}\\) diverged: its state differs from the leader's at index \\d+\\n$`,
      ),
    );
  });

  it('still commits with one server stopped, which show and health name', async () => {
    await ha.zone.stop(diverged);
    const show = await ha.onezone(['show', '0']);
    assert.equal(show.status, 0, show.stderr);
    assert.deepEqual(warnings(show.stdout), [
      `WARNING: server ${diverged} (server-${diverged}) did not answer at ${ha.zone.roots[diverged]!.endpoint}`,
    ]);
    const json = await ha.onezone(['health', '0', '--json']);
    assert.equal(json.status, 0, json.stderr);
    const health = JSON.parse(json.stdout) as HealthJson;
    const stopped = health.servers.find((s) => s.id === diverged)!;
    assert.deepEqual([stopped.state, stopped.commit, stopped.lag], [null, null, null]);
    assert.match(stopped.error!, /onekit\.zone\.progress/);
    assert.equal(health.probe.ok, true);
  });

  it('cannot commit with two of three servers stopped: health exits 1, show finds no leader', async () => {
    const other = [1, 2].find((id) => id !== diverged)!;
    await ha.zone.stop(other);
    // The last server steps down once it cannot hear from a majority; until then it cannot
    // confirm its leadership and answers no read.
    await eventually('show reports no leader', async () => {
      const lines = warnings((await ha.onezone(['show', '0'])).stdout);
      return lines.includes('WARNING: no leader: no server reports being the leader')
        ? lines
        : undefined;
    });
    const json = await ha.onezone(['health', '0', '--json', '--timeout', '3']);
    assert.equal(json.status, 1, json.stdout);
    const health = JSON.parse(json.stdout) as HealthJson;
    assert.equal(health.healthy, false);
    assert.equal(health.probe.ok, false);
    assert.equal(typeof health.probe.error, 'string');
    const text = await ha.onezone(['health', '0', '--timeout', '3']);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /\nPROBE: failed through \S+: .+\n$/);
  });
});
