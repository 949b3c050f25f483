// The HA wizards over SSH: every host has its own sshd on its loopback address and a free
// port (HOST:PORT), whose sessions run the host's `onekit-agent once`; no agent serves.
// A solo zone grows to three servers (the first ha-add killed after its first, a middle and
// its last step and run again each time, the second uninterrupted) and shrinks back with two
// ha-removes. The kill after every single step runs over agents (ha-kill-resume.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { WizardLab } from './wizard-lab.js';

const HA_ADD_STEPS = 14;
/** The steps after which the first ha-add is killed. */
const KILLED_AFTER = [1, 7, HA_ADD_STEPS - 1];

describe('ha-wizard/grow and shrink a zone over SSH (processes)', function () {
  this.timeout(150_000);
  let lab: WizardLab;

  before(async () => {
    lab = await WizardLab.start({ hosts: 3, transport: 'ssh' });
  });
  after(async () => {
    await lab?.close();
  });

  const addArgs = (i: number, extra: string[] = []): string[] => [
    'ha-add',
    '--zone',
    '0',
    '--name',
    `server-${i}`,
    '--rpc',
    lab.endpoint(i),
    '--host',
    lab.hosts[i]!.spec,
    '--from',
    lab.hosts[0]!.spec,
    ...extra,
    ...lab.wizardFlags(),
  ];
  const firstServer = () => ['--first-name', 'server-0', '--first-rpc', lab.endpoint(0)];
  const zoneServers = async (): Promise<number> => {
    const zone = (await lab.hosts[0]!.rpc.value('one.zone.info', lab.session, 0)) as string;
    return zone.match(/<SERVER>/g)?.length ?? 0;
  };

  it('refuses a host whose port is not a port, before reaching anything', async () => {
    const spec = `${lab.hosts[1]!.root.host}:70000`;
    const run = await lab.onezone([
      ...addArgs(1, firstServer()).map((a) => (a === lab.hosts[1]!.spec ? spec : a)),
      '--json',
    ]);
    assert.equal(run.status, 1, run.stderr);
    const error = (JSON.parse(run.stderr) as { error: { code: string; where: object } }).error;
    assert.equal(error.code, 'FLAG_INVALID');
    assert.deepEqual(error.where, { field: 'host' });
    assert.equal(lab.daemonRunning(1), false);
  });

  it(`ha-add of the second server, killed after steps ${KILLED_AFTER.join(', ')} of ${HA_ADD_STEPS} and run again`, async () => {
    const args = addArgs(1, firstServer());
    let before = 0;
    for (const k of KILLED_AFTER) {
      const killed = await lab.onezone([...args, '--stop-after-step', String(k)]);
      assert.equal(killed.status, null, `run ${k} was killed: ${killed.stderr}`);
      const record = lab.runRecord('ha-add');
      assert.equal(record.state, 'running');
      assert.equal(record.done.length, k, `run ${k} recorded up to step ${k}:\n${killed.stderr}`);
      assert.equal(killed.stderr.match(/: done$/gm)?.length, k - before, killed.stderr);
      before = k;
    }
    const last = await lab.onezone(args);
    assert.equal(last.status, 0, last.stderr);
    assert.match(
      last.stderr,
      new RegExp(`Resuming run .*: ${HA_ADD_STEPS - 1} of ${HA_ADD_STEPS} steps done`),
    );
    const record = lab.runRecord('ha-add');
    assert.equal(record.state, 'complete');
    assert.equal(new Set(record.done.map((d) => d.name)).size, HA_ADD_STEPS, 'each step once');
    // Steps are named by the host as given: HOST:PORT of its sshd.
    assert.ok(last.stderr.includes(`(${lab.hosts[1]!.spec}): done`), last.stderr);
    // What an uninterrupted run leaves (ha-grow-shrink.test.ts): two voters, ids set.
    const leader = await lab.leaderProgress();
    assert.deepEqual(
      leader.VOTERS.map((v) => [v.ID, v.NAME]),
      [
        [0, 'server-0'],
        [1, 'server-1'],
      ],
    );
    assert.deepEqual(leader.LEARNERS, []);
    assert.deepEqual([lab.serverIdIn(0), lab.serverIdIn(1)], [0, 1]);
    assert.equal(await zoneServers(), 2, 'each server was added once');
    assert.equal(lab.daemonRunning(1), true);
  });

  it('ha-add of the third server, uninterrupted', async () => {
    const added = await lab.onezone(addArgs(2));
    assert.equal(added.status, 0, added.stderr);
    // A zone that is HA already: no first server to register, no daemon of its own to stop.
    assert.match(added.stderr, /^\[10\/10\] .*\(serversync\).*: done$/m);
    const leader = await lab.leaderProgress();
    assert.deepEqual(
      leader.VOTERS.map((v) => [v.ID, v.NAME]),
      [
        [0, 'server-0'],
        [1, 'server-1'],
        [2, 'server-2'],
      ],
    );
    assert.deepEqual(leader.LEARNERS, []);
    assert.deepEqual(
      [0, 1, 2].map((i) => lab.serverIdIn(i)),
      [0, 1, 2],
    );
    assert.equal(await zoneServers(), 3);
  });

  it('shrinks the zone back to one server with two ha-removes', async () => {
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
    assert.equal(lab.daemonRunning(0), true);
  });
});
