import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { followerLagWarningEntries } from '../../src/zone/index.js';
import {
  eventually,
  removeLeftovers,
  startHaFixture,
  type HaFixture,
  type Progress,
} from './ha-fixture.js';

// `onezone server-add`, `server-del`, `server-reset` and the warnings of `onezone show`,
// as processes against a real zone of three daemons and a spare. The zone keeps only 50
// log entries, so that a stopped follower falls out of the leader's log.

const warnings = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('WARNING: '));

describe('zone/ha servers (processes)', function () {
  this.timeout(120_000);
  let ha: HaFixture;

  before(async () => {
    ha = await startHaFixture({
      servers: 3,
      spares: 1,
      conf: () => (c) => {
        c.raft.logRetention = 50;
        c.raft.logPurgeTimeoutSeconds = 1;
      },
    });
  });
  after(async () => {
    await ha?.close();
    removeLeftovers();
  });

  /** show's warnings once `settled` accepts them (an election may pass through first). */
  const showWarnings = async (settled: (lines: string[]) => boolean) => {
    let last: string[] = [];
    try {
      return await eventually('show settles', async () => {
        last = warnings((await ha.onezone(['show', '0'])).stdout);
        return settled(last) ? last : undefined;
      });
    } catch {
      return last;
    }
  };

  it('shows the servers of a healthy zone, with no warning', async () => {
    const show = await ha.onezone(['show', '0']);
    assert.equal(show.status, 0, show.stderr);
    const sync = show.stdout.split('HA & FEDERATION SYNC STATUS')[1]!.split('\n').slice(2, 5);
    assert.deepEqual(sync.map((l) => /^ (\d) server-\1 +(\w+) /.exec(l)?.[2]).sort(), [
      'follower',
      'follower',
      'leader',
    ]);
    assert.deepEqual(warnings(show.stdout), []);
    assert.match(show.stdout, /FED_INDEX\n( \d server-\d .*\n){3}\nZONE TEMPLATE/);
    // JSON keeps upstream's shape: the zone document and nothing else.
    const json = await ha.onezone(['show', '0', '--json']);
    assert.deepEqual(Object.keys(JSON.parse(json.stdout)), ['ZONE']);
  });

  it('refuses a server-add without an endpoint, with another protocol, or through another zone', async () => {
    const missing = await ha.onezone(['server-add', '0', '-n', 'fe-9', '--json']);
    assert.equal(missing.status, 1);
    assert.deepEqual(
      [JSON.parse(missing.stderr).error.code, JSON.parse(missing.stderr).error.where],
      ['FLAG_REQUIRED', { field: 'rpc' }],
    );
    const ftp = await ha.onezone(['server-add', '0', '-n', 'fe-9', '-r', 'ftp://10.0.0.9/RPC2']);
    assert.deepEqual(ftp, {
      status: 1,
      stdout: '',
      stderr: 'onezone: Wrong protocol specified. Only http or https allowed!\n',
    });
    const elsewhere = await ha.onezone([
      'server-add',
      '100',
      '-n',
      'fe-9',
      '-r',
      'http://127.0.0.1:9/RPC2',
    ]);
    assert.deepEqual(elsewhere, {
      status: 255,
      stdout: '',
      stderr: '[one.zone.addserver] Servers have to be added through the target zone endpoints\n',
    });
  });

  it('adds a spare as a learner, which show reports until it has caught up and votes', async () => {
    const spare = ha.zone.roots[3]!;
    const added = await ha.onezone([
      'server-add',
      '0',
      '--name',
      'server-3',
      '--rpc',
      spare.endpoint,
      '-v',
    ]);
    assert.deepEqual(added, { status: 0, stdout: 'ZONE 0: server added\n', stderr: '' });
    const show = await ha.onezone(['show', '0']);
    assert.deepEqual(
      warnings(show.stdout).map((w) => w.replace(/index \d+ of \d+/, 'index M of C')),
      [
        'WARNING: server 3 (server-3) is a learner still catching up (at index M of C); it gets a vote once it has caught up',
      ],
    );
    const health = await ha.onezone(['health', '0', '--json']);
    assert.equal(health.status, 0, health.stderr);
    const learner = JSON.parse(health.stdout).servers.find((s: { id: number }) => s.id === 3);
    assert.equal(learner.role, 'learner');
    assert.match(learner.error, /onekit\.zone\.progress/);

    spare.writeConf({ conf: (c) => void (c.federation.serverId = 3) });
    await ha.zone.start(3);
    await eventually('server 3 promoted', async () =>
      (await ha.leaderProgress()).VOTERS.some((v) => v.ID === 3) ? true : undefined,
    );
    const after = await ha.onezone(['show', '0']);
    assert.deepEqual(warnings(after.stdout), []);
    assert.match(after.stdout, / 3 server-3 +http:/);
  });

  it('removes a server by name, resets one, and prints server errors as oned does', async () => {
    const removed = await ha.onezone(['server-del', '0', 'server-3', '-v']);
    assert.deepEqual(removed, { status: 0, stdout: 'ZONE 0: server deleted\n', stderr: '' });
    await ha.zone.stop(3);
    assert.ok(!(await ha.leaderProgress()).VOTERS.some((v) => v.ID === 3));
    const show = await eventually('server 3 gone from the pool', async () => {
      const r = await ha.onezone(['show', '0']);
      return r.stdout.includes('server-3') ? undefined : r;
    });
    assert.deepEqual(warnings(show.stdout), []);

    const reset = await ha.onezone(['server-reset', '0', 'server-1', '-v']);
    assert.deepEqual(reset, { status: 0, stdout: 'ZONE 0: server reset\n', stderr: '' });
    assert.deepEqual(await ha.onezone(['server-del', '0', '7']), {
      status: 255,
      stdout: '',
      stderr: '[one.zone.delserver] SERVER not found in zone\n',
    });
    assert.deepEqual(await ha.onezone(['server-reset', '0', 'nobody']), {
      status: 255,
      stdout: '',
      stderr: 'nobody not found or duplicated\n',
    });
  });

  it('warns about a stopped follower falling behind, then out of the log; a database copy and server-reset bring it back', async () => {
    const follower = await ha.follower();
    const name = `server ${follower} (server-${follower})`;
    const endpoint = ha.zone.roots[follower]!.endpoint;
    const followerOf = (p: Progress) => p.FOLLOWERS.find((f) => f.ID === follower)!;
    await ha.zone.stop(follower);
    await ha.commitWrites(Number(followerLagWarningEntries) + 10);
    const stopped = await showWarnings((w) => w.length === 2);
    assert.equal(stopped[0], `WARNING: ${name} did not answer at ${endpoint}`);
    assert.match(
      stopped[1]!,
      new RegExp(
        `^WARNING: ${name.replace(/[()]/g, '\\$&')} is \\d{4} entries behind the leader's commit index \\d+$`,
      ),
    );

    // Once the leader has purged what the follower lacks, the restarted follower needs a copy.
    await eventually('the leader purges the entries the follower lacks', async () => {
      const p = await ha.leaderProgress();
      return p.FIRST_INDEX > followerOf(p).MATCH + 1n ? true : undefined;
    });
    await ha.zone.start(follower);
    await eventually('the leader finds the follower outside its log', async () =>
      followerOf(await ha.leaderProgress()).REPLICATION === 'needs-reset' ? true : undefined,
    );
    assert.deepEqual(await showWarnings((w) => w.length === 1), [
      `WARNING: ${name} is outside the leader's retained log: copy the leader's database to it and run onezone server-reset 0 ${follower}`,
    ]);
    const health = JSON.parse((await ha.onezone(['health', '0', '--json'])).stdout);
    assert.equal(
      health.servers.find((s: { id: number }) => s.id === follower).replication,
      'needs-reset',
    );

    // The documented recovery: the leader's database on the follower, then server-reset.
    await ha.zone.stop(follower);
    const target = ha.zone.roots[follower]!.paths.sqliteDb;
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    const leader = await ha.zone.waitForLeader();
    const source = new Database(ha.zone.roots[leader]!.paths.sqliteDb, { readonly: true });
    try {
      await source.backup(target);
    } finally {
      source.close();
    }
    await ha.zone.start(follower);
    const reset = await ha.onezone(['server-reset', '0', String(follower)]);
    assert.deepEqual(reset, { status: 0, stdout: '', stderr: '' });
    await eventually('the follower catches up', async () => {
      const p = await ha.leaderProgress();
      const f = followerOf(p);
      return f.REPLICATION === 'replicate' && f.MATCH >= p.COMMIT ? true : undefined;
    });
    assert.deepEqual(await showWarnings((w) => w.length === 0), []);
    const check = await ha.onezone(['check', '0']);
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });
});
