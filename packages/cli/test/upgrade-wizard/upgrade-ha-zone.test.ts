// `onezone upgrade-apply` on an HA zone of two servers (the HA wizards' lab: daemons and
// agents on their own addresses, the zone built with ha-add): the leader's database is
// upgraded, then given to the follower by backup and restore; both start again as one zone,
// at the new schema, with what was written before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { LOCAL_DB_VERSION, SHARED_DB_VERSION } from '../../../daemon/src/version/index.js';
import { eventually } from '../../../../test/support/eventually.js';
import { WizardLab } from '../ha-wizard/wizard-lab.js';
import { asPreviousRelease, schemaOf } from '../../../../test/support/previous-release.js';

describe('upgrade-wizard/HA zone upgrade (processes)', function () {
  this.timeout(150_000);
  let lab: WizardLab;

  before(async () => {
    lab = await WizardLab.start({ hosts: 2 });
    const added = await lab.onezone([
      'ha-add',
      '--zone',
      '0',
      '--first-name',
      'server-0',
      '--first-rpc',
      lab.endpoint(0),
      '--name',
      'server-1',
      '--rpc',
      lab.endpoint(1),
      '--host',
      lab.hosts[1]!.spec,
      '--from',
      lab.hosts[0]!.spec,
      '--no-serversync',
      ...lab.wizardFlags(),
    ]);
    assert.equal(added.status, 0, added.stderr);
    await lab.hosts[0]!.rpc.value('one.user.allocate', lab.session, 'before-upgrade', 'pw', '');
    await eventually('both servers hold the user', async () => {
      for (const h of lab.hosts) {
        const pool = String(await h.rpc.value('one.userpool.info', lab.session, -2, -1, -1));
        if (!pool.includes('<NAME>before-upgrade</NAME>')) return undefined;
      }
      return true;
    });
    for (const h of lab.hosts) asPreviousRelease(h.root.paths.sqliteDb);
  });
  after(async () => {
    await lab?.close();
  });

  it('upgrades the leader, redistributes its database and restarts the zone', async () => {
    const leader = (await lab.leaderProgress()).SERVER_ID;
    const hostFlags = lab.hosts.flatMap((h) => ['--host', `${h.root.host}=${h.spec}`]);
    const applied = await lab.onezone(['upgrade-apply', ...hostFlags, ...lab.wizardFlags()]);
    assert.equal(applied.status, 0, applied.stderr);
    const follower = 1 - leader;
    const on = (i: number) => lab.hosts[i]!.spec.replace(/\./g, '\\.');
    assert.match(
      applied.stderr,
      new RegExp(`Upgrade the database schema .*\\(${on(leader)}\\): done`),
    );
    assert.doesNotMatch(
      applied.stderr,
      new RegExp(`Upgrade the database schema .*\\(${on(follower)}\\)`),
    );
    assert.match(
      applied.stderr,
      new RegExp(`Restore the upgraded database .*\\(${on(follower)}\\): done`),
    );
    assert.match(applied.stdout, new RegExp(`zone-0-upgraded; restore: onedb restore -f `));
    for (const h of lab.hosts) {
      assert.deepEqual(schemaOf(h.root.paths.sqliteDb), [SHARED_DB_VERSION, LOCAL_DB_VERSION]);
    }
    const p = await lab.leaderProgress();
    assert.deepEqual(p.VOTERS.map((v) => v.ID).sort(), [0, 1]);
    assert.equal(
      p.FOLLOWERS.find((f) => f.ID === follower)?.REPLICATION ?? 'replicate',
      'replicate',
    );
    for (const h of lab.hosts) {
      const pool = String(await h.rpc.value('one.userpool.info', lab.session, -2, -1, -1));
      assert.match(pool, /<NAME>before-upgrade<\/NAME>/);
    }
  });
});
