// The coordinated procedure (the one a federated schema change needs; --coordinated runs it
// for this release's local-only step) against a real master and slave zone: both zones are
// disabled and stopped, the master is upgraded, its federated backup is restored on the
// slave, the slave is upgraded, both start and are enabled again; nothing is lost and both
// zones take writes afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { LOCAL_DB_VERSION, SHARED_DB_VERSION } from '../../../daemon/src/version/index.js';
import { UpgradeLab } from './upgrade-lab.js';

const users = ['made-on-slave', 'dave', 'erin'];

describe('upgrade-wizard/coordinated upgrade (processes)', function () {
  this.timeout(150_000);
  let lab: UpgradeLab;

  before(async () => {
    lab = await UpgradeLab.start({ users });
  });
  after(async () => {
    await lab?.close();
  });

  it('refuses before any change while a zone does not answer', async () => {
    // Paused, not stopped: this release's daemon would not start again on the old schema.
    const pid = lab.hosts[1]!.agentRoot.servicePid('opennebula')!;
    process.kill(pid, 'SIGSTOP');
    let refused;
    try {
      refused = await lab.onezone(['upgrade-apply', ...lab.hostFlags(), '--coordinated', '--yes']);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /preflight checks failed \(nothing was changed\)/);
    assert.match(refused.stderr, /zones-healthy: zone \d+: /);
    assert.match(refused.stderr, /fed-index-equal: no FED_INDEX from /);
    assert.deepEqual(lab.schema(0), ['7.6.0', '7.6.0']);
    await lab.waitInSync(users);
  });

  it('disables, stops, upgrades the master, restores its federated tables on the slave, and enables', async () => {
    const slaveZone = lab.hosts[1]!.zoneId;
    const planned = await lab.onezone([
      'upgrade-plan',
      ...lab.hostFlags(),
      '--coordinated',
      '--json',
    ]);
    assert.equal(planned.status, 0, planned.stderr);
    const report = JSON.parse(planned.stdout) as {
      procedure: string;
      sharedChanges: boolean;
      steps: { name: string }[];
    };
    assert.equal(report.procedure, 'coordinated');
    assert.equal(report.sharedChanges, false);
    const names = report.steps.map((s) => s.name);
    const order = [
      `zone-${slaveZone}/disable`,
      'zone-0/disable',
      `zone-${slaveZone}/stop-daemon`,
      'zone-0/stop-daemon',
      'zone-0/upgrade-database',
      'zone-0/federated-backup',
      `zone-${slaveZone}/restore-federated`,
      `zone-${slaveZone}/upgrade-database`,
      'zone-0/start-daemon',
      `zone-${slaveZone}/start-daemon`,
      'zone-0/enable',
      `zone-${slaveZone}/enable`,
      'federation/gate',
    ];
    assert.deepEqual(
      order.map((n) => names.indexOf(n)),
      order.map((n) => names.indexOf(n)).sort((a, b) => a - b),
      `in this order: ${names.join(', ')}`,
    );
    assert.ok(order.every((n) => names.includes(n)));

    const applied = await lab.onezone([
      'upgrade-apply',
      ...lab.hostFlags(),
      '--coordinated',
      '--yes',
    ]);
    assert.equal(applied.status, 0, applied.stderr);
    assert.equal(lab.runRecord().state, 'complete');
    assert.match(
      applied.stdout,
      /federated\.bck {2}federated; restore: onedb restore -f --federated /,
    );
    for (const i of [0, 1]) assert.deepEqual(lab.schema(i), [SHARED_DB_VERSION, LOCAL_DB_VERSION]);

    // Both zones are enabled again: each takes a federated write, and both see all users.
    await lab.call(0, 'one.user.allocate', 'after-on-master', 'pw', '');
    await lab.call(1, 'one.user.allocate', 'after-on-slave', 'pw', '');
    await lab.waitInSync([...users, 'after-on-master', 'after-on-slave']);
  });
});
