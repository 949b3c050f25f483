// `onezone upgrade-plan` and `upgrade-apply` against a real federation (a master and a
// slave zone, each a daemon supervised by its agent) whose databases are at the previous
// release's schema: the plan shows the upgrade; apply stops at a slave whose onedb upgrade
// fails, says how to continue, and once the database is fixed the same command finishes:
// every daemon runs again at the new schema, and no user is lost, including one created
// while the slave zone was down.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { LOCAL_DB_VERSION, SHARED_DB_VERSION } from '../../../daemon/src/version/index.js';
import { onDatabase, UpgradeLab } from './upgrade-lab.js';

const users = ['made-on-slave', 'alice', 'bob'];

describe('upgrade-wizard/federation upgrade (processes)', function () {
  this.timeout(120_000);
  let lab: UpgradeLab;

  before(async () => {
    lab = await UpgradeLab.start({ users });
  });
  after(async () => {
    await lab?.close();
  });

  it('plan shows every server at the previous schema, the rolling procedure and the apply command', async () => {
    const planned = await lab.onezone(['upgrade-plan', ...lab.hostFlags(), '--json']);
    assert.equal(planned.status, 0, planned.stderr);
    const report = JSON.parse(planned.stdout) as {
      sharedChanges: boolean;
      procedure: string;
      upgradeNeeded: boolean;
      zones: {
        id: number;
        master: boolean;
        healthy: boolean;
        servers: { schema: unknown; upgrade: boolean; fedIndex: string }[];
      }[];
      steps: { name: string; host: string }[];
      apply: string;
    };
    assert.equal(report.sharedChanges, false);
    assert.equal(report.procedure, 'rolling');
    assert.equal(report.upgradeNeeded, true);
    assert.deepEqual(
      report.zones.map((z) => [z.id, z.master, z.healthy]),
      [
        [0, true, true],
        [lab.hosts[1]!.zoneId, false, true],
      ],
    );
    for (const z of report.zones) {
      assert.deepEqual(z.servers[0]!.schema, { shared: '7.6.0', local: '7.6.0' });
      assert.equal(z.servers[0]!.upgrade, true);
    }
    assert.equal(new Set(report.zones.map((z) => z.servers[0]!.fedIndex)).size, 1);
    // The master zone is done before the slave zone's daemon is stopped.
    const names = report.steps.map((s) => s.name);
    assert.ok(
      names.indexOf('zone-0/wait-healthy') <
        names.indexOf(`zone-${lab.hosts[1]!.zoneId}/stop-daemon`),
    );
    assert.equal(names.at(-1), 'federation/gate');
    assert.match(report.apply, /^onezone upgrade-apply .*--host /);
    assert.doesNotMatch(report.apply, /upgrade-plan|--json/);

    const text = await lab.onezone(['upgrade-plan', ...lab.hostFlags()]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /Federated schema changes: no/);
    assert.match(text.stdout, /To upgrade, run:\n {2}onezone upgrade-apply /);
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
      /To continue once the cause is fixed, run again:\n {2}onezone upgrade-apply /,
    );
    assert.match(
      failed.stdout,
      /before-upgrade\.bck {2}zone-\d+-before-upgrade; restore: onedb restore -f /,
    );
    assert.deepEqual(
      lab.schema(0),
      [SHARED_DB_VERSION, LOCAL_DB_VERSION],
      'the master is upgraded',
    );
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

    const again = await lab.onezone(['upgrade-plan', ...lab.hostFlags(), '--json']);
    assert.equal(again.status, 0, again.stderr);
    assert.equal((JSON.parse(again.stdout) as { upgradeNeeded: boolean }).upgradeNeeded, false);
  });
});
