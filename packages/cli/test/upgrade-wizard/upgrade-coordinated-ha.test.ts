// The coordinated procedure on a federation whose master zone is HA: three servers in the
// master zone and one solo slave zone, built by the wizards as an administrator builds them
// (fed-master, fed-join, two ha-add, over the HA wizards' lab of real daemons and agents),
// users created through the master and through the slave, then every database made to look
// as the previous release left it. One `upgrade-apply --coordinated` later every server is
// at the new schema, the master zone has one leader and two followers holding the same
// state, every server shows the same FEDLOG index, and no user is lost.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { LOCAL_DB_VERSION, SHARED_DB_VERSION } from '../../../daemon/src/version/index.js';
import { asPreviousRelease, schemaOf } from '../../../../test/support/previous-release.js';
import { WizardLab } from '../ha-wizard/wizard-lab.js';
import { waitInSync } from './upgrade-lab.js';

const users = ['made-on-slave', 'made-on-master'];
const MASTER_SERVERS = [0, 1, 2];
const SLAVE = 3;

describe('upgrade-wizard/coordinated upgrade of an HA master zone (processes)', function () {
  this.timeout(150_000);
  let lab: WizardLab;

  const wizard = async (args: string[]) => {
    const run = await lab.onezone([...args, ...lab.wizardFlags()]);
    assert.equal(run.status, 0, `onezone ${args[0]}: ${run.stderr}`);
    return run;
  };
  const roots = () => lab.hosts.map((h) => h.root);

  before(async () => {
    lab = await WizardLab.start({ hosts: 4 });
    const spec = (i: number) => lab.hosts[i]!.spec;
    await wizard(['fed-master', '--rpc', lab.endpoint(0), '--master', spec(0)]);
    await wizard([
      'fed-join',
      ...['--name', 'slave-zone', '--rpc', lab.endpoint(SLAVE), '--host', spec(SLAVE)],
      ...['--master', spec(0)],
    ]);
    for (const i of [1, 2]) {
      await wizard([
        'ha-add',
        ...['--zone', '0', '--name', `server-${i}`, '--rpc', lab.endpoint(i)],
        ...(i === 1 ? ['--first-name', 'server-0', '--first-rpc', lab.endpoint(0)] : []),
        ...['--host', spec(i), '--from', spec(0), '--no-serversync'],
      ]);
    }
    // One user through the slave (forwarded to the master zone), one on the master zone.
    await lab.hosts[SLAVE]!.rpc.value('one.user.allocate', lab.session, users[0]!, 'pw', '');
    await lab.hosts[0]!.rpc.value('one.user.allocate', lab.session, users[1]!, 'pw', '');
    await waitInSync(roots(), users);
    for (const root of roots()) asPreviousRelease(root.paths.sqliteDb);
  });
  after(async () => {
    await lab?.close();
  });

  it('upgrades every server; the master zone comes back with one leader and two equal followers', async () => {
    const hostFlags = lab.hosts.flatMap((h) => ['--host', `${h.root.host}=${h.spec}`]);
    await wizard(['upgrade-apply', ...hostFlags, '--coordinated']);
    const record = lab.runRecord('upgrade-apply', 'federation');
    assert.equal(record.state, 'complete');
    const done = record.done.map((d) => d.name);
    // The master zone's leader is upgraded and its database given to the two others.
    assert.equal(done.filter((n) => /^zone-0\/server-\d+\/upgrade-database$/.test(n)).length, 1);
    assert.equal(done.filter((n) => /^zone-0\/server-\d+\/restore-upgraded$/.test(n)).length, 2);
    assert.ok(
      done.some((n) => /^zone-\d+\/restore-federated$/.test(n)),
      done.join(', '),
    );
    for (const root of roots()) {
      assert.deepEqual(schemaOf(root.paths.sqliteDb), [SHARED_DB_VERSION, LOCAL_DB_VERSION]);
    }

    const states = await Promise.all(
      MASTER_SERVERS.map(async (i) => (await lab.progress(i)).STATE),
    );
    assert.deepEqual([...states].sort(), [2, 2, 3], 'two followers and a leader');
    const checked = await lab.onezone(['check', '0', '--json', '--timeout', '30']);
    assert.equal(checked.status, 0, checked.stderr);
    const check = JSON.parse(checked.stdout) as {
      consistent: boolean;
      servers: { status: string; hash: string | null }[];
    };
    assert.equal(check.consistent, true, checked.stdout);
    assert.deepEqual(
      check.servers.map((s) => s.status),
      ['equal', 'equal', 'equal'],
    );
    assert.equal(new Set(check.servers.map((s) => s.hash)).size, 1);

    // Every user from before is on every server, each at the same FEDLOG index; the slave
    // still forwards a federated write to the upgraded master zone.
    await waitInSync(roots(), users);
    await lab.hosts[SLAVE]!.rpc.value('one.user.allocate', lab.session, 'after-on-slave', 'pw', '');
    await waitInSync(roots(), [...users, 'after-on-slave']);
  });
});
