import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from '@onekit/core';
import { after, before, describe, it } from 'mocha';
import type { DaemonCheck } from '../../src/backup/index.js';
import { fsckDatabase } from '../../src/fsck/index.js';
import { importSlave, type ImportSlaveOptions } from '../../src/import-slave/index.js';
import { readAclRules } from '../../src/pools/acl/index.js';
import { insertGroupOp, newGroup, readGroup, updateGroupOp } from '../../src/pools/group/index.js';
import { poolControlWrite } from '../../src/pools/ids/index.js';
import { insertUserOp, newUser, readUser, readUserByName } from '../../src/pools/user/index.js';
import { insertZoneWrite, zoneStates } from '../../src/pools/zone/index.js';
import { openDatabase, type DbConfig, type WriteOp } from '../../src/storage/index.js';
import { stoppedDaemon } from '../backup/seed.js';
import { healthyDatabase } from '../fsck/healthy-database.js';
import { backends } from '../storage/backends.js';

const clock = () => new Date('2026-03-04T05:06:07Z');
const sqlite = backends.find((b) => b.name === 'sqlite')!;
const secret = 'cd'.repeat(32);

async function write(
  db: DbConfig,
  ops: (read: Awaited<ReturnType<typeof openDatabase>>) => Promise<WriteOp[]>,
) {
  const database = await openDatabase(db);
  try {
    const writes = await ops(database);
    await database.transaction(async (tx) => {
      for (const op of writes) await tx.run(op);
    });
  } finally {
    await database.close();
  }
}

/** A user of `gid` (also in `groups`), added to those groups' member lists. */
async function addUser(db: DbConfig, id: number, name: string, gid: number, groups: number[] = []) {
  await write(db, async (read) => {
    const all = [gid, ...groups];
    const records = await Promise.all(all.map((g) => readGroup(read, g)));
    const user = newUser({
      id,
      name,
      password: 'pw',
      driver: 'core',
      gid,
      gname: records[0]!.name,
      groups,
      tokenPassword: secret,
    });
    user.template.addSingle('COLOR', `${name}-slave`);
    return [
      insertUserOp(user),
      ...records.map((g) => updateGroupOp({ ...g!, users: [...g!.users, id] })),
      poolControlWrite('user_pool', id),
    ];
  });
}

const vm = (oid: number, uid: number, gid: number, uname: string, gname: string): WriteOp => ({
  op: 'insert',
  table: 'vm_pool',
  row: {
    oid,
    name: `vm${oid}`,
    body: `<VM><ID>${oid}</ID><UID>${uid}</UID><GID>${gid}</GID><UNAME>${uname}</UNAME><GNAME>${gname}</GNAME><NAME>vm${oid}</NAME></VM>`,
    uid,
    gid,
    state: 3,
    lcm_state: 3,
    resched: 0,
    owner_u: 1,
    group_u: 0,
    other_u: 0,
    short_body: '<VM/>',
    body_json: '{}',
  },
});

for (const backend of backends) {
  describe(`import-slave/import-slave (master on ${backend.name})`, function () {
    this.timeout(60_000);
    let dir: string;
    let daemon: DaemonCheck;
    let counter = 0;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'onekit-import-'));
      daemon = await stoppedDaemon(dir);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /**
     * Master: users 2 user2, 3 user3, 4 zed; groups 100 dev, 101 qa; zone 100 for the slave.
     * Slave: users 2 user2, 3 user3, 4 carol (group 101 ops); carol owns VM 0 and a quota row.
     */
    async function databases(): Promise<{ master: DbConfig; slave: DbConfig }> {
      const master = await backend.freshConfig();
      await healthyDatabase(master);
      await write(master, async () => [
        insertGroupOp(newGroup(101, 'qa')),
        poolControlWrite('group_pool', 101),
        insertZoneWrite({
          id: 100,
          name: 'slave',
          state: zoneStates.ENABLED,
          template: new Template().addSingle('ENDPOINT', 'http://s:2633/RPC2'),
          servers: [],
        }),
        poolControlWrite('zone_pool', 100),
      ]);
      await addUser(master, 4, 'zed', 101);
      const slave = await sqlite.freshConfig();
      await healthyDatabase(slave);
      await write(slave, async () => [
        insertGroupOp(newGroup(101, 'ops')),
        poolControlWrite('group_pool', 101),
      ]);
      await addUser(slave, 4, 'carol', 101, [100]);
      await write(slave, async () => [
        vm(0, 4, 101, 'carol', 'ops'),
        {
          op: 'insert',
          table: 'user_quotas',
          row: { user_oid: 4, body: '<QUOTAS><ID>4</ID></QUOTAS>' },
        },
      ]);
      return { master, slave };
    }

    const run = (dbs: { master: DbConfig; slave: DbConfig }, o: Partial<ImportSlaveOptions> = {}) =>
      importSlave({
        ...dbs,
        zoneId: 100,
        mergeUsers: true,
        mergeGroups: true,
        logFile: join(dir, `${++counter}-onedb-import.log`),
        backup: { file: join(dir, `${counter}.bck`), force: false },
        daemon,
        clock,
        ...o,
      });

    it('merges users and groups of the same name, and gives the others new ids', async () => {
      const dbs = await databases();
      const result = await run(dbs);
      const lines = readFileSync(result.logFile, 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith('#') && l !== '');
      assert.deepEqual(lines, [
        'group 0 oneadmin -> 0 oneadmin (system)',
        'group 1 users -> 1 users (system)',
        'group 100 dev -> 100 dev (merged)',
        'group 101 ops -> 102 ops (new)',
        'user 0 oneadmin -> 0 oneadmin (system)',
        'user 1 serveradmin -> 1 serveradmin (system)',
        'user 2 user2 -> 2 user2 (merged)',
        'user 3 user3 -> 3 user3 (merged)',
        'user 4 carol -> 5 carol (new)',
      ]);
      const master = await openDatabase(dbs.master);
      try {
        const carol = (await readUser(master, 5))!;
        assert.deepEqual(
          [carol.name, carol.gid, carol.gname, carol.groups],
          ['carol', 102, 'ops', [100, 102]],
        );
        assert.deepEqual((await readGroup(master, 102))!.users, [5]);
        assert.deepEqual((await readGroup(master, 100))!.users, [2, 3, 5]);
        const rules = await readAclRules(master);
        // The slave's rule for user 2 on group 100 in its zone 0 now names zone 100.
        assert.ok(rules.some((r) => r.user === 0x100000002n && r.zone === 0x100000064n));
      } finally {
        await master.close();
      }
      const slave = await openDatabase(dbs.slave);
      try {
        const [row] = await slave.query('SELECT uid, gid, body FROM vm_pool WHERE oid = 0');
        assert.deepEqual([row!.uid, row!.gid], [5, 102]);
        assert.match(
          String(row!.body),
          /<UID>5<\/UID><GID>102<\/GID><UNAME>carol<\/UNAME><GNAME>ops<\/GNAME>/,
        );
        const quotas = await slave.query('SELECT user_oid, body FROM user_quotas');
        assert.deepEqual(quotas, [{ user_oid: 5, body: '<QUOTAS><ID>5</ID></QUOTAS>' }]);
      } finally {
        await slave.close();
      }
      const check = await fsckDatabase({
        db: dbs.master,
        dry: true,
        federation: 'MASTER',
        backup: { file: '', force: false },
        daemon,
        clock,
      });
      assert.deepEqual(
        check.problems.filter((p) => p.table !== 'logdb'),
        [],
      );
    });

    it('renames colliding users and groups name-1 when not merging, keeping memberships', async () => {
      const dbs = await databases();
      const result = await run(dbs, { mergeUsers: false, mergeGroups: false });
      assert.deepEqual(
        result.users.slice(2).map((u) => `${u.slaveName}->${u.id}:${u.name}`),
        ['user2->5:user2-1', 'user3->6:user3-1', 'carol->7:carol'],
      );
      assert.deepEqual(
        result.groups.slice(2).map((g) => `${g.slaveName}->${g.id}:${g.name}`),
        ['dev->102:dev-1', 'ops->103:ops'],
      );
      const master = await openDatabase(dbs.master);
      try {
        const user2 = (await readUserByName(master, 'user2-1'))!;
        assert.deepEqual([user2.gid, user2.gname, user2.groups], [102, 'dev-1', [1, 102]]);
        const dev = (await readGroup(master, 102))!;
        assert.deepEqual([dev.users, dev.admins], [[5, 6, 7], [6]]);
        assert.deepEqual((await readGroup(master, 100))!.users, [2, 3]);
      } finally {
        await master.close();
      }
      const check = await fsckDatabase({
        db: dbs.master,
        dry: true,
        federation: 'MASTER',
        backup: { file: '', force: false },
        daemon,
        clock,
      });
      assert.deepEqual(
        check.problems.filter((p) => p.table !== 'logdb'),
        [],
      );
    });

    it('refuses a zone the master does not have, changing nothing', async () => {
      const dbs = await databases();
      await assert.rejects(run(dbs, { zoneId: 123 }), (err: { code: string; where: unknown }) => {
        assert.deepEqual([err.code, err.where], ['FLAG_INVALID', { field: 'zone-id' }]);
        return true;
      });
      const master = await openDatabase(dbs.master);
      try {
        assert.equal(await readUserByName(master, 'carol'), undefined);
      } finally {
        await master.close();
      }
    });
  });
}
