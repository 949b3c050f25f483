// `onezone upgrade-plan` and `upgrade-apply` over SSH (each host its own sshd, --host
// mapping each server to HOST:PORT, `onekit-agent once` in the sessions; no agent serves),
// against a master and a slave zone at the previous release's schema: the plan reads every
// server's versions over SSH; apply stops at the slave whose onedb upgrade fails, says how
// to continue, and once the database is fixed the same command finishes with every user
// created before (and one created meanwhile) in every zone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { LOCAL_DB_VERSION, SHARED_DB_VERSION } from '../../../daemon/src/version/index.js';
import { onDatabase, UpgradeLab } from './upgrade-lab.js';

const users = ['made-on-slave', 'alice', 'bob'];

describe('upgrade-wizard/federation upgrade over SSH (processes)', function () {
  this.timeout(150_000);
  let lab: UpgradeLab;

  before(async () => {
    lab = await UpgradeLab.start({ users, transport: 'ssh' });
  });
  after(async () => {
    await lab?.close();
  });

  it('plan reads every server at the previous schema over SSH and prints an SSH apply command', async () => {
    const planned = await lab.onezone(['upgrade-plan', ...lab.hostFlags(), '--json']);
    assert.equal(planned.status, 0, planned.stderr);
    const report = JSON.parse(planned.stdout) as {
      upgradeNeeded: boolean;
      zones: { servers: { schema: unknown }[] }[];
      steps: { name: string; host: string }[];
      apply: string;
    };
    assert.equal(report.upgradeNeeded, true);
    for (const z of report.zones) {
      assert.deepEqual(z.servers[0]!.schema, { shared: '7.6.0', local: '7.6.0' });
    }
    const stepHosts = new Set(report.steps.map((s) => s.host));
    for (const h of lab.hosts) assert.ok(stepHosts.has(h.spec), [...stepHosts].join(', '));
    assert.match(report.apply, /^onezone upgrade-apply .*--transport ssh /);
    for (const h of lab.hosts) assert.ok(report.apply.includes(`--host ${h.mapping}`));
  });

  it('apply stops at a failing slave upgrade, says how to continue, and finishes once fixed', async () => {
    const slave = lab.hosts[1]!;
    // A version this release has no migrator from: onedb upgrade refuses, leaving it as it was.
    onDatabase(
      slave.root,
      "INSERT INTO local_db_versioning VALUES (1, '7.5.99', 0, 'from elsewhere', 0)",
    );
    const args = ['upgrade-apply', ...lab.hostFlags(), '--yes'];
    const failed = await lab.onezone(args);
    assert.equal(failed.status, 1, failed.stderr);
    const record = lab.runRecord();
    assert.equal(record.state, 'failed');
    assert.equal(record.failure?.step, `zone-${slave.zoneId}/upgrade-database`);
    assert.match(
      failed.stdout,
      /upgrade-database failed in its run: onedb upgrade failed .*7\.5\.99/,
    );
    assert.match(
      failed.stdout,
      /To continue once the cause is fixed, run again:\n {2}onezone upgrade-apply .*--transport ssh /,
    );
    assert.match(
      failed.stdout,
      /before-upgrade\.bck {2}zone-\d+-before-upgrade; restore: onedb restore -f /,
    );
    assert.deepEqual(lab.schema(0), [SHARED_DB_VERSION, LOCAL_DB_VERSION], 'master upgraded');
    assert.deepEqual(lab.schema(1), ['7.6.0', '7.5.99'], 'the slave is untouched');

    // The master zone runs meanwhile and takes writes.
    await lab.call(0, 'one.user.allocate', 'while-slave-down', 'pw', '');

    onDatabase(slave.root, 'DELETE FROM local_db_versioning WHERE oid = 1');
    const resumed = await lab.onezone(args);
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.match(resumed.stderr, /Resuming run /);
    assert.equal(lab.runRecord().state, 'complete');
    for (const i of [0, 1]) {
      assert.deepEqual(lab.schema(i), [SHARED_DB_VERSION, LOCAL_DB_VERSION]);
    }
    await lab.waitInSync([...users, 'while-slave-down']);
  });
});
