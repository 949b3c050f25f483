// The HA wizards against real daemons and agents: a solo zone grows to three servers with
// `onezone ha-add` and shrinks back to one with `onezone ha-remove`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { WizardLab } from './wizard-lab.js';

describe('ha-wizard/grow and shrink a zone (processes)', function () {
  this.timeout(120_000);
  let lab: WizardLab;

  before(async () => {
    lab = await WizardLab.start({ hosts: 3 });
  });
  after(async () => {
    await lab?.close();
  });

  const add = (i: number, extra: string[] = [], o: { rpc?: string; waitSeconds?: number } = {}) =>
    lab.onezone([
      'ha-add',
      '--zone',
      '0',
      '--name',
      `server-${i}`,
      '--rpc',
      o.rpc ?? lab.endpoint(i),
      '--host',
      lab.hosts[i]!.spec,
      '--from',
      lab.hosts[0]!.spec,
      ...extra,
      ...lab.wizardFlags(o),
    ]);
  const firstServer = () => ['--first-name', 'server-0', '--first-rpc', lab.endpoint(0)];

  it('previews the plan without changing anything', async () => {
    const result = await add(1, [...firstServer(), '--dry-run', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const preview = JSON.parse(result.stdout);
    assert.equal(preview.kind, 'preview');
    assert.deepEqual(
      preview.checks.map((c: { name: string; outcome: string }) => [c.name, c.outcome]),
      [
        ['reachability', 'passed'],
        ['versions-equal', 'passed'],
        ['quorum-healthy', 'passed'],
        ['ports-free', 'passed'],
        ['clocks-close', 'passed'],
        ['free-disk', 'passed'],
      ],
    );
    assert.equal(preview.steps[0].name, 'zone/add-first-server');
    const zone = (await lab.hosts[0]!.rpc.value('one.zone.info', lab.session, 0)) as string;
    assert.doesNotMatch(zone, /<SERVER>/);
    assert.equal(lab.daemonRunning(1), false);
  });

  it('makes a solo zone HA with a second server', async () => {
    const added = await add(1, firstServer());
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stderr, /^\[14\/14\] .*: done$/m);
    assert.deepEqual(
      (await lab.leaderProgress()).VOTERS.map((v) => v.ID),
      [0, 1],
    );
    assert.equal(lab.runRecord('ha-add').state, 'complete');
  });

  it('on a failure undoes what it can and says how to continue; other answers need --restart', async () => {
    // A wrong endpoint: the leader never reaches the new server, which never catches up.
    const wrong = lab.endpoint(2).replace(/:(\d+)\//, (_m, p: string) => `:${Number(p) + 1}/`);
    const failed = await add(2, [], { rpc: wrong, waitSeconds: 3 });
    assert.equal(failed.status, 1, failed.stderr);
    assert.match(failed.stdout, /step zone\/wait-caught-up failed in its run/);
    assert.match(
      failed.stdout,
      /Undone, newest first: new\/start-daemon, new\/set-server-id, zone\/add-server\n/,
    );
    assert.match(
      failed.stdout,
      /To continue once the cause is fixed, run again:\n {2}onezone ha-add --zone 0 /,
    );
    assert.match(failed.stdout, /leader-db; restore: onedb restore -f /);
    assert.equal(lab.runRecord('ha-add').state, 'failed');
    assert.equal(lab.daemonRunning(2), false);
    assert.equal(lab.serverIdIn(2), -1);
    const leader = await lab.leaderProgress();
    assert.deepEqual(
      leader.VOTERS.map((v) => v.ID),
      [0, 1],
    );
    assert.deepEqual(leader.LEARNERS, []);

    const refused = await add(2);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /another plan/);
    assert.match(refused.stderr, /--restart/);
  });

  it('with --restart grows the zone to three servers', async () => {
    const added = await add(2, ['--restart']);
    assert.equal(added.status, 0, added.stderr);
    const leader = await lab.leaderProgress();
    assert.deepEqual(leader.VOTERS.map((v) => v.NAME).sort(), ['server-0', 'server-1', 'server-2']);
    assert.deepEqual(leader.LEARNERS, []);
    assert.deepEqual(
      [0, 1, 2].map((i) => lab.serverIdIn(i)),
      [0, 1, 2].map((i) => leader.VOTERS.find((v) => v.NAME === `server-${i}`)!.ID),
    );
    const states = await Promise.all([0, 1, 2].map(async (i) => (await lab.progress(i)).STATE));
    assert.deepEqual(states.filter((s) => s === 3).length, 1);
    assert.deepEqual(states.filter((s) => s === 2).length, 2);
    assert.equal(lab.runRecord('ha-add').state, 'complete');
  });

  it('shrinks it back to one server', async () => {
    for (const i of [2, 1]) {
      const removed = await lab.onezone([
        'ha-remove',
        '--zone',
        '0',
        '--server',
        `server-${i}`,
        '--host',
        lab.hosts[i]!.spec,
        ...lab.wizardFlags(),
      ]);
      assert.equal(removed.status, 0, removed.stderr);
      assert.equal(lab.daemonRunning(i), false);
      assert.equal(lab.serverIdIn(i), -1);
    }
    const leader = await lab.leaderProgress();
    assert.deepEqual(
      leader.VOTERS.map((v) => v.ID),
      [0],
    );

    // The last voter cannot go: the preflight check refuses before anything changes.
    const last = await lab.onezone([
      'ha-remove',
      '--zone',
      '0',
      '--server',
      'server-0',
      '--host',
      lab.hosts[0]!.spec,
      ...lab.wizardFlags(),
    ]);
    assert.equal(last.status, 1);
    assert.match(last.stderr, /quorum-healthy: without server 0: it is the last voter/);
    assert.equal(lab.daemonRunning(0), true);
    assert.equal(lab.serverIdIn(0), 0);
  });
});
