import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { loadOnedConf, readXmlDocument } from '@onekit/core';
import {
  onedEndpoint,
  readBackup,
  restoreBackup,
  takeBackup,
  type DaemonCheck,
} from '../../src/backup/index.js';
import { processIsAlive, storageConfig } from '../../src/process/index.js';
import type { ColumnValue, DbConfig } from '../../src/storage/index.js';
import { daemonBackends } from '../support/daemon-backends.js';
import { DaemonRoot, type DaemonProcess } from '../support/daemon-root.js';

// Backups of a running daemon that keeps writing, restored into a new root whose daemon
// then serves the same users, groups and zones; restores refused while a daemon runs.

const WRITERS = 6;

async function rootConfig(root: DaemonRoot): Promise<DbConfig> {
  return storageConfig(await loadOnedConf(root.paths.onedConf), root.paths);
}

async function daemonCheck(root: DaemonRoot): Promise<DaemonCheck> {
  return {
    lockFile: root.paths.lock,
    isAlive: processIsAlive,
    endpoint: onedEndpoint(await loadOnedConf(root.paths.onedConf)),
  };
}

/** The NAMEs of a pool document's elements, sorted. */
function names(xml: unknown, pool: string, element: string): string[] {
  const doc = readXmlDocument(xml as string, { arrays: [`${pool}/${element}`] }) as Record<
    string,
    Record<string, { NAME: string }[]>
  >;
  return (doc[pool]![element] ?? []).map((e) => e.NAME).sort();
}

async function pools(daemon: DaemonProcess, session: string) {
  return {
    users: names(await daemon.client.value('one.userpool.info', session), 'USER_POOL', 'USER'),
    groups: names(await daemon.client.value('one.grouppool.info', session), 'GROUP_POOL', 'GROUP'),
    zones: names(await daemon.client.value('one.zonepool.info', session), 'ZONE_POOL', 'ZONE'),
  };
}

for (const backend of daemonBackends) {
  describe(`backup/live backup of a running daemon (${backend.name})`, function () {
    this.timeout(120_000);
    let dir: string;
    let source: DaemonRoot;
    let daemon: DaemonProcess;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'onekit-live-backup-'));
      source = await DaemonRoot.create({ conf: await backend.database() });
      // Zones need a federation master, which starts from a bootstrapped database.
      await (await source.start()).stop();
      source.writeConf({ conf: (conf) => void (conf.federation.mode = 'MASTER') });
      daemon = await source.start();
      await daemon.client.value('one.group.allocate', source.session, 'operators');
      await daemon.client.value(
        'one.zone.allocate',
        source.session,
        'NAME = "second"\nENDPOINT = "http://127.0.0.1:2633/RPC2"',
      );
    });
    after(async () => {
      await daemon?.stop();
      source?.remove();
      rmSync(dir, { recursive: true, force: true });
    });

    it('takes one consistent snapshot while the daemon writes, and restores it into a new root', async () => {
      let created = 0;
      let writing = true;
      const acknowledged: string[] = [];
      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; writing; i++) {
          await daemon.client.value(
            'one.user.allocate',
            source.session,
            `u${w}-${i}`,
            'pw',
            '',
            [],
          );
          acknowledged.push(`u${w}-${i}`);
          created++;
        }
      });
      // Writes are under way before the snapshot and go on after it.
      while (created < 20) await new Promise((resolve) => setImmediate(resolve));
      const before = created;
      const acknowledgedBefore = [...acknowledged];
      const file = join(dir, 'live.bck');
      try {
        await takeBackup({
          db: await rootConfig(source),
          file,
          force: false,
          kind: 'full',
          clock: () => new Date(),
        });
      } finally {
        writing = false;
        await Promise.all(writers);
      }
      const during = created - before;
      assert.ok(during > 0, 'users were created while the backup ran');

      // In one snapshot, the last user id handed out is the highest id in user_pool: both
      // are written by the same transaction, but read minutes of tables apart.
      const oids: number[] = [];
      let lastUserOid: ColumnValue = null;
      const summary = await readBackup(file, {
        row: (table, values) => {
          if (table.def.name === 'user_pool') oids.push(values[0] as number);
          if (table.def.name === 'pool_control' && values[0] === 'user_pool')
            lastUserOid = values[1];
        },
      });
      assert.equal(lastUserOid, BigInt(Math.max(...oids)));
      const backedUp = summary.rows.user_pool!;
      assert.ok(backedUp >= 2 + before && backedUp <= 2 + created, `${backedUp} users`);

      // Restoring while the daemon runs is refused, and leaves its database alone.
      await assert.rejects(
        restoreBackup({
          file,
          db: await rootConfig(source),
          force: true,
          federated: false,
          daemon: await daemonCheck(source),
        }),
        { code: 'DB_BACKUP', where: { file: source.paths.lock } },
      );

      const target = await DaemonRoot.create({ conf: await backend.database() });
      try {
        target.writeConf({ conf: (conf) => void (conf.federation.mode = 'MASTER') });
        await restoreBackup({
          file,
          db: await rootConfig(target),
          force: false,
          federated: false,
          daemon: await daemonCheck(target),
        });
        const restored = await target.start();
        try {
          const got = await pools(restored, target.session);
          assert.equal(got.users.length, backedUp);
          assert.deepEqual(got.groups, ['oneadmin', 'operators', 'users']);
          assert.deepEqual(got.zones, ['OpenNebula', 'second']);
          const now = await pools(daemon, source.session);
          assert.deepEqual(got.groups, now.groups);
          assert.deepEqual(got.zones, now.zones);
          assert.ok(got.users.every((name) => now.users.includes(name)));
          // Every write acknowledged before the backup started is in it.
          const missing = acknowledgedBefore.filter((name) => !got.users.includes(name));
          assert.deepEqual(missing, []);
          // The restored daemon goes on handing out ids after the restored ones.
          await restored.client.value('one.user.allocate', target.session, 'after', 'pw', '', []);
        } finally {
          await restored.stop();
        }
      } finally {
        target.remove();
      }
    });

    it('refuses a restore while a daemon answers on the endpoint, even without a lock', async () => {
      const file = join(dir, 'probe.bck');
      await takeBackup({
        db: await rootConfig(source),
        file,
        force: false,
        kind: 'federated',
        clock: () => new Date(),
      });
      // A daemon whose lock file went away still answers: the probe must catch it.
      unlinkSync(source.paths.lock);
      const check = await daemonCheck(source);
      await assert.rejects(
        restoreBackup({
          file,
          db: await rootConfig(source),
          force: true,
          federated: true,
          daemon: check,
        }),
        { code: 'DB_BACKUP', where: { field: 'endpoint' } },
      );
    });
  });
}
