// `onezone fed-join --import` of an HA zone, against real daemons and agents on loopback:
// host 0 is the running master; hosts 1 and 2 are an existing zone of two servers (grown
// with onezone ha-add). The import names host 1 and, with --zone-server, host 2: host 2 is
// stopped, host 1 joins as the slave on its own (SERVER_ID -1), the zone's users log in on
// both zones, and onezone ha-add grows the imported zone back to two servers.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { WizardLab } from '../ha-wizard/wizard-lab.js';
import { runBin } from '../process/run-bin.js';
import { eventually } from '../zone/ha-fixture.js';

describe('federation-wizard/import an HA zone (processes)', function () {
  this.timeout(120_000);
  let lab: WizardLab;
  let admin: string;

  /** `onezone <args>` against the existing zone (server 1's endpoint), as oneadmin. */
  const zoneOnezone = (args: readonly string[]) =>
    runBin('onezone', args, {
      env: {
        ONE_XMLRPC: lab.endpoint(1),
        ONE_AUTH: lab.hosts[1]!.root.paths.oneAuth,
        HOME: join(admin, 'home'),
        ONE_LOCATION: admin,
      },
    });
  const growZone = (zone: number, extra: readonly string[]) =>
    zoneOnezone([
      'ha-add',
      '--zone',
      String(zone),
      '--name',
      'server-2',
      '--rpc',
      lab.endpoint(2),
      '--host',
      lab.hosts[2]!.spec,
      '--from',
      lab.hosts[1]!.spec,
      '--first-name',
      'server-1',
      '--first-rpc',
      lab.endpoint(1),
      ...extra,
      ...lab.wizardFlags(),
    ]);
  /** The voters' names once servers 1 and 2 agree on a leader. */
  const voters = () =>
    eventually('a leader among servers 1 and 2', async () => {
      for (const i of [1, 2]) {
        const p = await lab.progress(i).catch(() => undefined);
        if (p?.STATE === 3) return p.VOTERS.map((v) => v.NAME).sort();
      }
      return undefined;
    });
  const logsIn = async (i: number, session: string): Promise<boolean> =>
    (await lab.hosts[i]!.rpc.call('one.user.info', session, -1)).ok;
  const fedIndex = async (i: number): Promise<string> => {
    const xml = (await lab.hosts[i]!.rpc.value('one.zone.raftstatus', lab.session)) as string;
    return /<FEDLOG_INDEX>(\d+)</.exec(xml)![1]!;
  };

  before(async () => {
    admin = mkdtempSync(join(tmpdir(), 'onekit-import-ha-'));
    lab = await WizardLab.start({ hosts: 3 });
    const made = await lab.onezone([
      'fed-master',
      '--rpc',
      lab.endpoint(0),
      '--master',
      lab.hosts[0]!.spec,
      ...lab.wizardFlags(),
    ]);
    assert.equal(made.status, 0, made.stderr);
    await lab.waitAnswering(0);

    // The existing zone: a user and a group on server 1, then server 2 added to it.
    await lab.startDaemon(1);
    const zone = lab.hosts[1]!.rpc;
    assert.equal(await zone.value('one.group.allocate', lab.session, 'devs'), 100);
    assert.equal(
      await zone.value('one.user.allocate', lab.session, 'dana', 'dana-pw', '', [100]),
      2,
    );
    const grown = await growZone(0, []);
    assert.equal(grown.status, 0, grown.stderr);
    assert.deepEqual(await voters(), ['server-1', 'server-2']);
  });
  after(async () => {
    await lab?.close();
    if (admin) rmSync(admin, { recursive: true, force: true });
  });

  it('imports the zone through one server, the other stopped', async () => {
    const run = await lab.onezone([
      'fed-join',
      '--import',
      '--no-merge-users',
      '--no-merge-groups',
      '--name',
      'zone-1',
      '--rpc',
      lab.endpoint(1),
      '--host',
      lab.hosts[1]!.spec,
      '--zone-server',
      lab.hosts[2]!.spec,
      '--master',
      lab.hosts[0]!.spec,
      ...lab.wizardFlags(),
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(lab.daemonRunning(2), false);
    assert.equal(lab.daemonRunning(1), true);
    assert.equal(lab.serverIdIn(1), -1);
    const want = await fedIndex(0);
    await eventually(`zone-1 reaches FEDLOG_INDEX ${want}`, async () =>
      (await fedIndex(1)) === want ? true : undefined,
    );
    for (const i of [0, 1]) {
      assert.equal(await logsIn(i, 'dana:dana-pw'), true, `dana on host ${i}`);
    }
    const status = (await lab.hosts[1]!.rpc.value('one.zone.raftstatus', lab.session)) as string;
    assert.match(status, /<SERVER_ID>-1<\/SERVER_ID><STATE>0<\/STATE>/);
  });

  it('grows the imported zone back to two servers with onezone ha-add', async () => {
    const zones = (await lab.hosts[0]!.rpc.value('one.zonepool.info', lab.session)) as string;
    const zoneId = Number(/<ID>(\d+)<\/ID><NAME>(?:<!\[CDATA\[)?zone-1/.exec(zones)![1]);
    const grown = await growZone(zoneId, []);
    assert.equal(grown.status, 0, grown.stderr);
    assert.deepEqual(await voters(), ['server-1', 'server-2']);
    for (const i of [1, 2]) {
      await eventually(`dana logs in on server ${i}`, async () =>
        (await logsIn(i, 'dana:dana-pw')) ? true : undefined,
      );
    }
  });
});
