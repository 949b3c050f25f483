import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, it } from 'mocha';
import { readXmlDocument, sha256Hex } from '@onekit/core';
import { validateAgainstXsd } from '../../../core/test/support/xsd.js';
import { readUser } from '../../src/pools/user/index.js';
import { daemonBackends, openRootDatabase } from '../support/daemon-backends.js';
import { DaemonRoot, ONEADMIN_PASSWORD } from '../support/daemon-root.js';

const ALL = 0x400000000n;
const GROUP = 0x200000000n;

for (const backend of daemonBackends) {
  describe(`daemon process: start, bootstrap, stop (${backend.name})`, function () {
    this.timeout(120_000);

    async function newRoot(): Promise<DaemonRoot> {
      return DaemonRoot.create({ conf: await backend.database() });
    }

    it('bootstraps an empty database as oned does', async () => {
      const root = await newRoot();
      const daemon = await root.start();
      const pool = await daemon.client.value('one.zonepool.info', root.session);
      await validateAgainstXsd(pool as string, 'zone_pool.xsd');
      const zones = readXmlDocument(pool as string, { arrays: ['ZONE_POOL/ZONE'] });
      assert.deepEqual(zones, {
        ZONE_POOL: {
          ZONE: [
            {
              ID: '0',
              NAME: 'OpenNebula',
              STATE: '0',
              TEMPLATE: { ENDPOINT: `http://${root.host}:${root.port}/RPC2` },
              SERVER_POOL: '',
            },
          ],
        },
      });
      assert.equal((await daemon.stop()).code, 0);

      const files = Object.values(root.paths.serviceCredentials);
      const contents = files.map((file) => readFileSync(file, 'utf8'));
      for (const file of files) assert.equal(statSync(file).mode & 0o777, 0o600, file);
      assert.equal(new Set(contents).size, 1, 'every service file holds the same credentials');
      const match = /^serveradmin:([0-9a-f]{64})\n$/.exec(contents[0]!);
      assert.ok(match, contents[0]);
      const secret = match[1]!;

      const db = await openRootDatabase(root);
      try {
        const oneadmin = (await readUser(db, 0))!;
        assert.equal(oneadmin.name, 'oneadmin');
        assert.equal(oneadmin.password, sha256Hex(ONEADMIN_PASSWORD));
        assert.equal(oneadmin.authDriver, 'core');
        assert.equal(oneadmin.gid, 0);
        const serveradmin = (await readUser(db, 1))!;
        assert.equal(serveradmin.name, 'serveradmin');
        assert.equal(serveradmin.authDriver, 'server_cipher');
        assert.equal(serveradmin.password, sha256Hex(secret));
        assert.equal(serveradmin.gid, 0);

        const groups = await db.query('SELECT oid, name FROM group_pool ORDER BY oid');
        assert.deepEqual(
          groups.map((g) => [Number(g.oid), g.name]),
          [
            [0, 'oneadmin'],
            [1, 'users'],
          ],
        );

        const acl = await db.query(
          'SELECT oid, userset, resource, rights, zone FROM acl ORDER BY oid',
        );
        assert.deepEqual(
          acl.map((r) => [
            Number(r.oid),
            BigInt(r.userset!),
            BigInt(r.resource!),
            BigInt(r.rights!),
            BigInt(r.zone!),
          ]),
          [
            [
              0,
              GROUP | 1n,
              ALL |
                0x0000001000000000n |
                0x0000008000000000n |
                0x0000020000000000n |
                0x0000400000000000n |
                0x0001000000000000n |
                0x0020000000000000n |
                0x0100000000000000n,
              8n,
              ALL,
            ],
            [1, ALL, ALL | 0x0000800000000000n, 1n, ALL],
            [2, ALL, ALL | 0x0008000000000000n | 0x0010000000000000n, 1n, ALL],
          ],
        );

        const control = await db.query(
          'SELECT tablename, last_oid FROM pool_control ORDER BY tablename',
        );
        assert.deepEqual(
          control.map((r) => [r.tablename, Number(r.last_oid)]),
          [
            ['acl', 2],
            ['group_pool', 99],
            ['user_pool', 1],
            ['zone_pool', 99],
          ],
        );

        const [shared] = await db.query('SELECT oid, version, comment FROM db_versioning');
        assert.equal(shared!.version, '7.6.0');
        assert.match(String(shared!.comment), /^7\.5\.80 daemon bootstrap/);
        const [local] = await db.query('SELECT oid, version, is_slave FROM local_db_versioning');
        assert.deepEqual(
          [Number(local!.oid), local!.version, Number(local!.is_slave)],
          [0, '7.6.1', 0],
        );

        const attributes = await db.query('SELECT name FROM system_attributes ORDER BY name');
        assert.deepEqual(
          attributes.map((r) => r.name),
          ['DEFAULT_GROUP_QUOTAS', 'DEFAULT_USER_QUOTAS', 'RAFT_STATE'],
        );
      } finally {
        await db.close();
      }

      const log = readFileSync(root.paths.onedLog, 'utf8');
      assert.match(log, /Bootstrapping the federated tables/);
      assert.ok(!log.includes(ONEADMIN_PASSWORD), 'the log never holds the password');
      assert.ok(!log.includes(secret), 'the log never holds the serveradmin secret');
    });

    it('reuses the database on a second start', async () => {
      const root = await newRoot();
      let daemon = await root.start();
      assert.equal(
        (await daemon.client.call('one.zone.update', root.session, 0, 'COLOUR = blue', 1)).ok,
        true,
      );
      await daemon.stop();
      const credentials = readFileSync(root.paths.serviceCredentials.oneflow, 'utf8');
      const logBefore = readFileSync(root.paths.onedLog, 'utf8');

      daemon = await root.start();
      const zone = (await daemon.client.value('one.zone.info', root.session, 0)) as string;
      assert.match(zone, /<COLOUR><!\[CDATA\[blue\]\]><\/COLOUR>/);
      await daemon.stop();
      const logAfter = readFileSync(root.paths.onedLog, 'utf8').slice(logBefore.length);
      assert.doesNotMatch(logAfter, /Bootstrapping/);
      assert.equal(readFileSync(root.paths.serviceCredentials.oneflow, 'utf8'), credentials);
    });

    it('refuses a second daemon while the first holds the lock', async () => {
      const root = await newRoot();
      const daemon = await root.start();
      const second = await root.run();
      assert.equal(second.code, 1);
      assert.match(second.stderr, new RegExp(`Lock file found: ${root.paths.lock}`));
      assert.equal(readFileSync(root.paths.lock, 'utf8').trim(), String(daemon.pid));
      assert.equal(await daemon.client.value('one.system.version', root.session), '7.5.80');
      assert.equal((await daemon.stop()).code, 0);
    });

    it('takes over a lock left by a dead process', async () => {
      const root = await newRoot();
      const dead = spawnSync(process.execPath, ['-e', '0']).pid;
      mkdirSync(dirname(root.paths.lock), { recursive: true });
      writeFileSync(root.paths.lock, `${dead}\n`);
      const daemon = await root.start();
      assert.equal(readFileSync(root.paths.lock, 'utf8').trim(), String(daemon.pid));
      await daemon.stop();
      assert.match(
        readFileSync(root.paths.onedLog, 'utf8'),
        new RegExp(`Stale lock file .* of process ${dead} taken over`),
      );
    });

    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      it(`stops cleanly on ${signal}, releasing the lock`, async () => {
        const root = await newRoot();
        const daemon = await root.start();
        assert.ok(existsSync(root.paths.lock));
        const result = await daemon.stop(signal);
        assert.equal(result.code, 0);
        assert.equal(existsSync(root.paths.lock), false);
        assert.match(readFileSync(root.paths.onedLog, 'utf8'), /\[ONE\]\[I\]: Daemon stopped\.\n$/);
      });
    }

    it('answers every call it accepted before stopping, and commits exactly those', async () => {
      const root = await newRoot();
      const daemon = await root.start();
      const calls = Array.from({ length: 40 }, (_, i) =>
        daemon.client.call('one.zone.update', root.session, 0, `A${i} = x`, 1).then(
          (r) => (r.ok ? i : -1),
          () => -1,
        ),
      );
      await calls[0];
      const stopped = daemon.stop();
      const acknowledged = (await Promise.all(calls)).filter((i) => i >= 0);
      assert.equal((await stopped).code, 0);
      assert.ok(acknowledged.includes(0));

      const again = await root.start();
      const zone = (await again.client.value('one.zone.info', root.session, 0)) as string;
      const stored = [...zone.matchAll(/<A(\d+)>/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
      assert.deepEqual(
        stored,
        acknowledged.sort((a, b) => a - b),
      );
      await again.stop();
    });

    it('refuses to start without oned.conf, naming the file', async () => {
      const root = await newRoot();
      rmSync(root.paths.onedConf);
      const result = await root.run();
      assert.equal(result.code, 1);
      assert.ok(result.stderr.includes(root.paths.onedConf), result.stderr);
      assert.equal(existsSync(root.paths.lock), false);
    });

    it('refuses to bootstrap when a service credential file exists', async () => {
      const root = await newRoot();
      writeFileSync(root.paths.serviceCredentials.onegate, 'serveradmin:old\n');
      const result = await root.run();
      assert.equal(result.code, 1);
      assert.ok(result.stderr.includes(root.paths.serviceCredentials.onegate), result.stderr);
      assert.equal(
        existsSync(root.paths.serviceCredentials.oneflow),
        false,
        'no file is left behind',
      );
      rmSync(root.paths.serviceCredentials.onegate);
      const daemon = await root.start();
      await daemon.stop();
    });

    for (const [version, advice] of [
      ['7.4.0', /onedb upgrade/],
      ['8.0.0', /newer than this release/],
    ] as const) {
      it(`refuses a database whose local schema is ${version}`, async () => {
        const root = await newRoot();
        await (await root.start()).stop();
        const db = await openRootDatabase(root);
        try {
          await db.transaction((tx) =>
            tx.run({
              op: 'insert',
              table: 'local_db_versioning',
              row: { oid: 1, version, timestamp: 0, comment: 'test', is_slave: 0 },
            }),
          );
        } finally {
          await db.close();
        }
        const result = await root.run();
        assert.equal(result.code, 1);
        assert.match(result.stderr, /Database version mismatch \(local_db_versioning\)/);
        assert.match(result.stderr, advice);
      });
    }
  });
}

describe('onekit-daemon command line', function () {
  this.timeout(60_000);

  it('prints its version', async () => {
    const root = await DaemonRoot.create();
    const result = await root.run(['--version']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, 'onekit-daemon 0.1.0 (OpenNebula 7.5.80 API)\n');
  });

  it('refuses an unknown argument', async () => {
    const root = await DaemonRoot.create();
    const result = await root.run(['--bogus']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /unknown argument --bogus/);
  });
});
