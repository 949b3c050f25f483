// The federation wizards against real daemons and agents on loopback (the HA wizards' lab):
// host 0 becomes the master with `onezone fed-master`, hosts 1 and 2 join as slave zones
// with one `onezone fed-join`, and users created on the master then appear on both slaves.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'mocha';
import { WizardLab } from '../ha-wizard/wizard-lab.js';
import { eventually } from '../zone/ha-fixture.js';

describe('federation-wizard/bootstrap (processes)', function () {
  this.timeout(120_000);
  let lab: WizardLab;

  before(async () => {
    lab = await WizardLab.start({ hosts: 3 });
  });
  after(async () => {
    await lab?.close();
  });

  const userNames = async (i: number): Promise<string[]> => {
    const xml = (await lab.hosts[i]!.rpc.value('one.userpool.info', lab.session)) as string;
    return [...xml.matchAll(/<NAME>(?:<!\[CDATA\[)?([^<\]]*)/g)].map((m) => m[1]!);
  };
  const fedIndex = async (i: number): Promise<string> => {
    const xml = (await lab.hosts[i]!.rpc.value('one.zone.raftstatus', lab.session)) as string;
    return /<FEDLOG_INDEX>(\d+)</.exec(xml)![1]!;
  };
  const joinArgs = (): string[] => [
    'fed-join',
    ...[1, 2].flatMap((i) => [
      '--name',
      `zone-${i}`,
      '--rpc',
      lab.endpoint(i),
      '--host',
      lab.hosts[i]!.spec,
    ]),
    '--master',
    lab.hosts[0]!.spec,
    ...lab.wizardFlags(),
  ];

  it('refuses a check name the plan does not have, changing nothing', async () => {
    const run = await lab.onezone([
      'fed-master',
      '--rpc',
      lab.endpoint(0),
      '--master',
      lab.hosts[0]!.spec,
      '--skip-check',
      'quorum-healthy',
      ...lab.wizardFlags(),
      '--json',
    ]);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr + run.stdout, /FLAG_INVALID/);
    assert.doesNotMatch(
      readFileSync(lab.hosts[0]!.root.paths.onedConf, 'utf8'),
      /MODE\s*=\s*"MASTER"/,
    );
  });

  it('previews the join of two slaves without changing anything', async () => {
    const run = await lab.onezone([...joinArgs(), '--dry-run']);
    assert.equal(run.status, 0, run.stderr);
    for (const step of ['zone-1/create-zone', 'zone-2/wait-fed-index']) {
      assert.ok(run.stdout.includes(step), `${step} in:\n${run.stdout}`);
    }
    assert.equal(lab.daemonRunning(1), false);
  });

  it('refuses to create a slave zone before the master is one', async () => {
    const run = await lab.onezone(joinArgs());
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /zone-1\/create-zone failed \(gate\)/);
    const zones = (await lab.hosts[0]!.rpc.value('one.zonepool.info', lab.session)) as string;
    assert.equal(zones.match(/<ZONE>/g)?.length, 1, 'no zone was created');
    assert.equal(lab.runRecord('fed-join', 'zones-zone-1-zone-2').state, 'failed');
  });

  it('makes host 0 the master', async () => {
    const run = await lab.onezone([
      'fed-master',
      '--rpc',
      lab.endpoint(0),
      '--master',
      lab.hosts[0]!.spec,
      ...lab.wizardFlags(),
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(readFileSync(lab.hosts[0]!.root.paths.onedConf, 'utf8'), /MODE\s*=\s*"MASTER"/);
    const zone = (await lab.hosts[0]!.rpc.value('one.zone.info', lab.session, 0)) as string;
    assert.ok(zone.includes(lab.endpoint(0)), zone);
  });

  it('joins two slave zones whose FEDLOG_INDEX follows the master', async () => {
    // The same command continues the refused run.
    const run = await lab.onezone(joinArgs());
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /Resuming run .*: 3 of 22 steps done/);
    for (const i of [1, 2]) {
      const conf = readFileSync(lab.hosts[i]!.root.paths.onedConf, 'utf8');
      assert.match(conf, /MODE\s*=\s*"SLAVE"/);
      assert.ok(conf.includes(`MASTER_ONED = "${lab.endpoint(0)}"`), conf);
    }
    const zones = (await lab.hosts[0]!.rpc.value('one.zonepool.info', lab.session)) as string;
    assert.deepEqual(
      [...zones.matchAll(/<NAME>(?:<!\[CDATA\[)?([^<\]]*)/g)].map((m) => m[1]),
      ['OpenNebula', 'zone-1', 'zone-2'],
    );

    for (const name of ['alice', 'bob']) {
      const made = await lab.hosts[0]!.rpc.call('one.user.allocate', lab.session, name, 'pw', '');
      assert.equal(made.ok, true);
    }
    const want = await fedIndex(0);
    for (const i of [1, 2]) {
      await eventually(`zone-${i} reaches FEDLOG_INDEX ${want}`, async () =>
        (await fedIndex(i)) === want ? true : undefined,
      );
      const users = await userNames(i);
      assert.ok(users.includes('alice') && users.includes('bob'), users.join(','));
    }
  });

  it('says so when the same join runs again', async () => {
    const run = await lab.onezone(joinArgs());
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /already ran to completion/);
  });
});
