// `onezone fed-join --import` against real daemons and agents on loopback: host 0 is the
// running master, host 1 an existing standalone zone with users (alice's name collides
// with a master user and is merged), groups (ops collides and is renamed) with secondary
// members and administrators, an ACL rule and local objects owned by them. The import is
// killed once in the middle of recreating the users and resumed; afterwards every user
// logs in on both zones, the merged user has the zone's groups, the groups their zone
// administrators, the names are logged, the objects follow their owners and the zone
// follows the master's federation log.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { after, before, describe, it } from 'mocha';
import { aclRuleHex } from '../../src/acl/rule-hex.js';
import { WizardLab } from '../ha-wizard/wizard-lab.js';
import { eventually } from '../zone/ha-fixture.js';

const template = (oid: number, uid: number, gid: number, uname: string, gname: string) => ({
  oid,
  name: `tpl${oid}`,
  body: `<VMTEMPLATE><ID>${oid}</ID><UID>${uid}</UID><GID>${gid}</GID><UNAME>${uname}</UNAME><GNAME>${gname}</GNAME><NAME>tpl${oid}</NAME></VMTEMPLATE>`,
  uid,
  gid,
});

describe('federation-wizard/import (processes)', function () {
  this.timeout(120_000);
  let lab: WizardLab;

  const names = async (i: number, pool: 'user' | 'group'): Promise<string[]> => {
    const xml = (await lab.hosts[i]!.rpc.value(`one.${pool}pool.info`, lab.session)) as string;
    return [...xml.matchAll(/<NAME>(?:<!\[CDATA\[)?([^<\]]*)/g)].map((m) => m[1]!);
  };
  const fedIndex = async (i: number): Promise<string> => {
    const xml = (await lab.hosts[i]!.rpc.value('one.zone.raftstatus', lab.session)) as string;
    return /<FEDLOG_INDEX>(\d+)</.exec(xml)![1]!;
  };
  const logsIn = async (i: number, session: string): Promise<boolean> =>
    (await lab.hosts[i]!.rpc.call('one.user.info', session, -1)).ok;
  const importArgs = (...extra: string[]): string[] => [
    'fed-join',
    '--import',
    '--name',
    'zone-1',
    '--rpc',
    lab.endpoint(1),
    '--host',
    lab.hosts[1]!.spec,
    '--master',
    lab.hosts[0]!.spec,
    ...extra,
    ...lab.wizardFlags(),
  ];
  const withMergeFlags = (...extra: string[]) =>
    importArgs('--merge-users', '--no-merge-groups', ...extra);
  const userInfo = async (i: number, id: number): Promise<string> =>
    (await lab.hosts[i]!.rpc.value('one.user.info', lab.session, id)) as string;
  const groupInfo = async (i: number, id: number): Promise<string> =>
    (await lab.hosts[i]!.rpc.value('one.group.info', lab.session, id)) as string;
  const ids = (xml: string, list: 'GROUPS' | 'USERS' | 'ADMINS'): number[] =>
    [...new RegExp(`<${list}>(.*?)</${list}>`).exec(xml)![1]!.matchAll(/<ID>(\d+)<\/ID>/g)].map(
      (m) => Number(m[1]),
    );

  before(async () => {
    lab = await WizardLab.start({ hosts: 2 });
    const master = lab.hosts[0]!.rpc;
    const made = await lab.onezone([
      'fed-master',
      '--rpc',
      lab.endpoint(0),
      '--master',
      lab.hosts[0]!.spec,
      ...lab.wizardFlags(),
    ]);
    assert.equal(made.status, 0, made.stderr);
    await eventually('the master answers', async () =>
      (await master.call('one.zone.info', lab.session, 0)).ok ? true : undefined,
    );
    // The master's own: group ops (id 100), users carol (2) and alice (3).
    assert.equal((await master.call('one.group.allocate', lab.session, 'ops')).ok, true);
    for (const name of ['carol', 'alice']) {
      const made = await master.call('one.user.allocate', lab.session, name, 'master-pw', '');
      assert.equal(made.ok, true);
    }
    assert.equal(await master.value('one.user.update', lab.session, 3, 'COLOR = "blue"', 1), 3);

    // The existing zone: groups devs (100) and ops (101); alice (2) in devs and ops, and
    // ops' administrator; bob (3) in users and devs, and devs' administrator; a rule.
    await lab.startDaemon(1);
    const zone = lab.hosts[1]!.rpc;
    assert.equal(await zone.value('one.group.allocate', lab.session, 'devs'), 100);
    assert.equal(await zone.value('one.group.allocate', lab.session, 'ops'), 101);
    assert.equal(
      await zone.value('one.user.allocate', lab.session, 'alice', 'alice-pw', '', [100, 101]),
      2,
    );
    assert.equal(await zone.value('one.user.allocate', lab.session, 'bob', 'bob-pw', ''), 3);
    assert.equal(await zone.value('one.user.addgroup', lab.session, 3, 100), 3);
    assert.equal(await zone.value('one.group.addadmin', lab.session, 100, 3), 100);
    assert.equal(await zone.value('one.group.addadmin', lab.session, 101, 2), 101);
    const zoneAttributes = 'COLOR = "red"\nSHELL = "zsh"';
    assert.equal(await zone.value('one.user.update', lab.session, 2, zoneAttributes, 1), 2);
    const rule = aclRuleHex('#2 CLUSTER/* USE #0');
    assert.equal(
      (
        await zone.call(
          'one.acl.addrule',
          lab.session,
          rule.user,
          rule.resource,
          rule.rights,
          rule.zone!,
        )
      ).ok,
      true,
    );
    // Its local objects, written while it is stopped.
    await lab.stopDaemon(1);
    await eventually('zone 1 stops', async () => (lab.daemonRunning(1) ? undefined : true));
    const db = new Database(lab.hosts[1]!.root.paths.sqliteDb);
    const insert = db.prepare(
      'INSERT INTO template_pool (oid, name, body, uid, gid, owner_u, group_u, other_u) ' +
        'VALUES (@oid, @name, @body, @uid, @gid, 1, 0, 0)',
    );
    insert.run(template(0, 2, 100, 'alice', 'devs'));
    insert.run(template(1, 3, 1, 'bob', 'users'));
    db.close();
    await lab.startDaemon(1);
  });
  after(async () => {
    await lab?.close();
  });

  it('previews the import steps without changing anything', async () => {
    const run = await lab.onezone([...withMergeFlags(), '--dry-run']);
    assert.equal(run.status, 0, run.stderr);
    for (const step of [
      'zone-1/backup-existing',
      'zone-1/plan-import',
      'zone-1/recreate-users',
      'zone-1/recreate-memberships',
      'zone-1/recreate-acl',
      'zone-1/reown-local',
      'zone-1/wait-fed-index',
    ]) {
      assert.ok(run.stdout.includes(step), `${step} in:\n${run.stdout}`);
    }
    assert.equal(run.stdout.includes('zone-1/start-once'), false);
    assert.equal(lab.daemonRunning(1), true);
  });

  it('asks for the merge flags without a terminal, changing nothing', async () => {
    const run = await lab.onezone([...importArgs(), '--json']);
    assert.notEqual(run.status, 0);
    assert.match(run.stdout + run.stderr, /FLAG_REQUIRED/);
    assert.equal(lab.daemonRunning(1), true);
    assert.deepEqual(await names(0, 'user'), ['oneadmin', 'serveradmin', 'carol', 'alice']);
  });

  it('imports the zone, killed once while it recreates the users and resumed', async () => {
    const killed = await lab.onezone(withMergeFlags('--stop-after-created', '1'));
    assert.equal(killed.status, null, `the run was killed: ${killed.stderr}`);
    assert.equal(lab.runRecord('fed-join', 'zones-zone-1').state, 'running');
    // alice is merged: bob is the one user created.
    const users = ['oneadmin', 'serveradmin', 'carol', 'alice', 'bob'];
    assert.deepEqual(await names(0, 'user'), users);

    const run = await lab.onezone(withMergeFlags());
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /Resuming run/);
    assert.deepEqual(await names(0, 'user'), users);
    assert.deepEqual(await names(0, 'group'), ['oneadmin', 'users', 'ops', 'devs', 'ops-1']);
    const record = lab.runRecord('fed-join', 'zones-zone-1') as unknown as {
      backups: { step: string; file: string }[];
    };
    const full = record.backups.find((b) => b.step === 'zone-1/backup-existing')!;
    assert.ok(run.stdout.includes(full.file), `the summary names ${full.file}`);
  });

  it('lets every user log in with its old password on both zones', async () => {
    const want = await fedIndex(0);
    await eventually(`zone-1 reaches FEDLOG_INDEX ${want}`, async () =>
      (await fedIndex(1)) === want ? true : undefined,
    );
    for (const i of [0, 1]) {
      for (const session of ['bob:bob-pw', 'alice:master-pw', 'carol:master-pw']) {
        assert.equal(await logsIn(i, session), true, `${session} on host ${i}`);
      }
      assert.equal(await logsIn(i, 'alice:alice-pw'), false);
    }
  });

  it("gives the merged user the zone's groups and the groups their administrators", async () => {
    // alice 3 (merged), bob 4; devs 101, ops-1 102 (ops renamed), on the master and the zone.
    for (const i of [0, 1]) {
      const alice = await userInfo(i, 3);
      assert.match(alice, /<GID>1<\/GID>/);
      assert.deepEqual(ids(alice, 'GROUPS'), [1, 101, 102], `host ${i}`);
      // The master's attributes win; the zone's others are added.
      assert.match(alice, /<COLOR><!\[CDATA\[blue\]\]><\/COLOR>/);
      assert.match(alice, /<SHELL><!\[CDATA\[zsh\]\]><\/SHELL>/);
      const devs = await groupInfo(i, 101);
      assert.deepEqual([ids(devs, 'USERS'), ids(devs, 'ADMINS')], [[3, 4], [4]], `host ${i}`);
      const ops1 = await groupInfo(i, 102);
      assert.deepEqual([ids(ops1, 'USERS'), ids(ops1, 'ADMINS')], [[3], [3]], `host ${i}`);
      assert.deepEqual(ids(await groupInfo(i, 100), 'ADMINS'), [], `host ${i}`);
    }
    // The administrator rules, once each (the zone's were carried over, not added twice).
    const acl = (await lab.hosts[0]!.rpc.value('one.acl.info', lab.session)) as string;
    for (const rule of ['#4 USER/@101 USE+MANAGE+ADMIN+CREATE *', '#3 GROUP/#102 MANAGE *']) {
      assert.equal(acl.split(rule).length - 1, 1, `${rule} in ${acl}`);
    }
  });

  it('logs the names and gives objects and rules their new ids', async () => {
    const users = (await lab.hosts[0]!.rpc.value('one.userpool.info', lab.session)) as string;
    const idOf = (name: string) =>
      Number(
        [...users.matchAll(/<USER><ID>(\d+)<\/ID>(.*?)<\/USER>/g)].find((m) =>
          m[2]!.includes(`<NAME>${name}</NAME>`),
        )?.[1],
      );
    const aliceId = idOf('alice');
    const bobId = idOf('bob');
    assert.deepEqual([aliceId, bobId], [3, 4], users);

    const log = readFileSync(
      join(lab.hosts[1]!.root.paths.var, 'backups', 'ha', 'onedb-import.log'),
      'utf8',
    );
    assert.match(log, /^user 2 alice -> 3 alice \(merged\)$/m);
    assert.match(log, /^user 3 bob -> 4 bob \(new\)$/m);
    assert.match(log, /^group 100 devs -> 101 devs \(new\)$/m);
    assert.match(log, /^group 101 ops -> 102 ops-1 \(renamed\)$/m);

    const db = new Database(lab.hosts[1]!.root.paths.sqliteDb, { readonly: true });
    const rows = db.prepare('SELECT oid, uid, gid, body FROM template_pool ORDER BY oid').all() as {
      uid: number;
      gid: number;
      body: string;
    }[];
    db.close();
    assert.deepEqual(
      rows.map((r) => [r.uid, r.gid]),
      [
        [aliceId, 101],
        [bobId, 1],
      ],
    );
    assert.match(
      rows[0]!.body,
      new RegExp(`<UID>${aliceId}</UID><GID>101</GID><UNAME>alice</UNAME>`),
    );

    const zones = (await lab.hosts[0]!.rpc.value('one.zonepool.info', lab.session)) as string;
    const zoneId = /<ID>(\d+)<\/ID><NAME>(?:<!\[CDATA\[)?zone-1/.exec(zones)![1];
    const acl = (await lab.hosts[0]!.rpc.value('one.acl.info', lab.session)) as string;
    assert.ok(acl.includes(`#${aliceId} CLUSTER/* USE #${zoneId}`), acl);
  });

  it('says so when the same import runs again', async () => {
    const run = await lab.onezone(withMergeFlags());
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /already ran to completion/);
  });
});
