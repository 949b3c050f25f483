import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import { openSession } from '../../src/backup/db-session.js';
import {
  defaultQuotaRows,
  localVersionRow,
  readDatabaseVersions,
  planBootstrap,
  sharedVersionRow,
} from '../../src/bootstrap/index.js';
import { readVersionReport } from '../../src/backup/index.js';
import {
  openDatabase,
  tables,
  UINT64_MAX,
  type DbConfig,
  type WriteOp,
} from '../../src/storage/index.js';
import {
  createPreviousDatabase,
  migratorChains,
  upgradeMarkerWrite,
  upgradeDatabase,
  type Migrator,
} from '../../src/upgrade/index.js';
import { LOCAL_DB_VERSION, SHARED_DB_VERSION } from '../../src/version/index.js';
import { readTables, stoppedDaemon } from '../backup/seed.js';
import { backends, scratchDir } from '../storage/backends.js';

// A database of the previous release holding users, groups, ACLs, zones and log records,
// upgraded, against the same rows written by this release's bootstrap.

const NOW = 1_750_000_000;
const clock = () => new Date(NOW * 1000);

const object = (table: string, oid: number, name: string): WriteOp => ({
  op: 'insert',
  table,
  row: {
    oid,
    name,
    body: `<X><ID>${oid}</ID></X>`,
    uid: 0,
    gid: 0,
    owner_u: 1,
    group_u: 0,
    other_u: 0,
  },
});

/** The rows both databases get, in the form this release writes them. */
function data(): WriteOp[] {
  const ops: WriteOp[] = [
    object('user_pool', 0, 'oneadmin'),
    object('user_pool', 2, 'alice'),
    object('group_pool', 0, 'oneadmin'),
    object('group_pool', 100, 'staff'),
    object('zone_pool', 0, 'OpenNebula'),
    object('zone_pool', 100, 'edge'),
    {
      op: 'insert',
      table: 'acl',
      row: {
        oid: 0,
        userset: 0x200000001n,
        resource: 0x2e000000000n,
        rights: 1n,
        zone: 0x100000000n,
      },
    },
    { op: 'insert', table: 'pool_control', row: { tablename: 'user_pool', last_oid: 2n } },
  ];
  for (let i = 0; i < 6; i++) {
    ops.push({
      op: 'insert',
      table: 'logdb',
      row: {
        log_index: BigInt(i),
        term: 1,
        sqlcmd: `entry-${i}`,
        timestamp: NOW + i,
        fed_index: i % 2 === 0 ? UINT64_MAX : BigInt(i),
        applied: 1,
      },
    });
  }
  return ops;
}

async function freshCurrent(config: DbConfig): Promise<void> {
  const db = await openDatabase(config);
  try {
    await db.createSchema();
    await db.transaction(async (tx) => {
      for (const op of [
        localVersionRow(NOW, { isSlave: false }),
        ...defaultQuotaRows(),
        sharedVersionRow(NOW),
        ...data(),
      ]) {
        await tx.run(op);
      }
    });
  } finally {
    await db.close();
  }
}

async function indexNames(config: DbConfig): Promise<Record<string, string[]>> {
  const session = (await openSession(config, { create: false, readonly: true }))!;
  try {
    const rows =
      config.backend === 'sqlite'
        ? await session.query(
            "SELECT tbl_name AS t, name AS i FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
          )
        : await session.query(
            "SELECT DISTINCT table_name AS t, index_name AS i FROM information_schema.statistics WHERE table_schema = DATABASE() AND index_name <> 'PRIMARY'",
          );
    const result: Record<string, string[]> = {};
    for (const row of rows) (result[String(row.t)] ??= []).push(String(row.i));
    for (const list of Object.values(result)) list.sort();
    return result;
  } finally {
    await session.close();
  }
}

const failing: Migrator = {
  from: '7.6.0',
  to: '7.6.1',
  description: 'fails half-way',
  async migrate(tx) {
    await tx.run({ op: 'delete', table: 'user_pool', where: { name: 'alice' } });
    await tx.createIndex('logdb', { name: 'half_way_idx', columns: ['term'] });
    throw new Error('injected failure');
  },
};

for (const backend of backends) {
  describe(`upgrade/upgrade-database (${backend.name})`, function () {
    this.timeout(60_000);

    async function previous(): Promise<DbConfig> {
      const config = await backend.freshConfig();
      await createPreviousDatabase(config, { now: NOW, rows: data() });
      if (config.backend === 'sqlite') {
        // As a database carried over from oned holds the local-record sentinel.
        const session = (await openSession(config, { create: false }))!;
        await session.run(
          'INSERT INTO logdb VALUES (6, 1, ?, ?, 1.8446744073709552e19, 1), (7, 1, ?, ?, NULL, 1)',
          ['entry-6', NOW + 6, 'entry-7', NOW + 7],
        );
        await session.close();
      }
      return config;
    }

    /** The log records `previous()` adds, as this release writes them. */
    const carriedOver = (config: DbConfig): WriteOp[] =>
      config.backend === 'sqlite'
        ? [6, 7].map((i) => ({
            op: 'insert',
            table: 'logdb',
            row: {
              log_index: BigInt(i),
              term: 1,
              sqlcmd: `entry-${i}`,
              timestamp: NOW + i,
              fed_index: UINT64_MAX,
              applied: 1,
            },
          }))
        : [];

    it('migrates a previous-release database to what this release bootstraps with the same rows', async () => {
      const old = await previous();
      const expected = await backend.freshConfig();
      await freshCurrent(expected);
      const db = await openDatabase(expected);
      await db.transaction(async (tx) => {
        for (const op of carriedOver(old)) await tx.run(op);
      });
      await db.close();

      const report = await readVersionReport(old);
      assert.equal(report.status, 2);
      assert.throws(
        () => planBootstrap({ shared: SHARED_DB_VERSION, local: '7.6.0' }, { standalone: true }),
        {
          code: 'DAEMON_START',
        },
      );

      const backupFile = join(scratchDir(), `upgrade-${backend.name}-${Date.now()}.bck`);
      const steps: string[] = [];
      const result = await upgradeDatabase({
        db: old,
        daemon: await stoppedDaemon(scratchDir()),
        backupFile,
        clock,
        onStep: (s) => steps.push(`${s.chain} ${s.from} ${s.to}`),
      });
      assert.deepEqual(steps, ['local 7.6.0 7.6.1']);
      assert.equal(result.upgraded, true);
      assert.equal(result.backup, backupFile);
      assert.ok(existsSync(backupFile));
      assert.deepEqual(result.local, { from: '7.6.0', to: LOCAL_DB_VERSION });

      const got = await readTables(old);
      const want = await readTables(expected);
      for (const table of tables) {
        if (table.name === 'local_db_versioning' || table.name === 'db_versioning') continue;
        assert.deepEqual(got[table.name], want[table.name], table.name);
      }
      assert.deepEqual(got['db_versioning'], [
        [0, '7.6.0', NOW, '7.5.80 daemon bootstrap (OneKit 0.1.0)'],
      ]);
      assert.deepEqual(
        got['local_db_versioning']!.map((r) => r.slice(0, 4)),
        [
          [0, '7.6.0', NOW, '7.5.80 daemon bootstrap (OneKit 0.1.0)'],
          [
            1,
            '7.6.1',
            NOW,
            'Database migrated from 7.6.0 to 7.6.1 (OneKit 0.1.0) by onedb command.',
          ],
        ],
      );
      assert.deepEqual(await indexNames(old), await indexNames(expected));
      const session = (await openSession(old, { create: false, readonly: true }))!;
      const versions = await readDatabaseVersions(session);
      await session.close();
      assert.deepEqual(versions, { shared: SHARED_DB_VERSION, local: LOCAL_DB_VERSION });
      assert.equal((await readVersionReport(old)).status, 0);

      const again = await upgradeDatabase({
        db: old,
        daemon: await stoppedDaemon(scratchDir()),
        backupFile: join(scratchDir(), `unused-${Date.now()}.bck`),
        clock,
      });
      assert.equal(again.upgraded, false);
      assert.equal(again.backup, null);
    });

    it('leaves the database row for row as it was when a migrator fails', async () => {
      const old = await previous();
      const before = await readTables(old);
      await assert.rejects(
        upgradeDatabase({
          db: old,
          daemon: await stoppedDaemon(scratchDir()),
          backupFile: join(scratchDir(), `failing-${backend.name}-${Date.now()}.bck`),
          clock,
          chains: { shared: [], local: [failing] },
        }),
        { code: 'DB_UPGRADE', where: { field: 'local.7.6.0' } },
      );
      assert.deepEqual(await readTables(old), before);
      assert.equal((await readVersionReport(old)).interruptedUpgrade, undefined);
    });

    it('reports an interrupted upgrade until a rerun finishes it', async () => {
      const old = await previous();
      const session = (await openSession(old, { create: false }))!;
      const { MigrationSession } = await import('../../src/upgrade/migration-session.js');
      await new MigrationSession(session).run(
        upgradeMarkerWrite({ backup: '/backups/before <1>.bck', started: NOW }),
      );
      const versions = await readDatabaseVersions(session);
      await session.close();
      assert.deepEqual(versions.interruptedUpgrade, {
        backup: '/backups/before <1>.bck',
        started: NOW,
      });
      assert.throws(() => planBootstrap(versions, { standalone: true }), {
        code: 'DAEMON_START',
        where: { field: 'system_attributes' },
      });
      const report = await readVersionReport(old);
      assert.equal(report.status, 2);
      assert.equal(report.interruptedUpgrade?.backup, '/backups/before <1>.bck');

      await upgradeDatabase({
        db: old,
        daemon: await stoppedDaemon(scratchDir()),
        backupFile: undefined,
        clock,
      });
      const after = await readVersionReport(old);
      assert.equal(after.status, 0);
      assert.equal(after.interruptedUpgrade, undefined);
    });

    it('stops on a missing migrator before changing anything', async () => {
      const old = await previous();
      const before = await readTables(old);
      await assert.rejects(
        upgradeDatabase({
          db: old,
          daemon: await stoppedDaemon(scratchDir()),
          backupFile: undefined,
          clock,
          chains: { shared: migratorChains.shared, local: [] },
        }),
        { code: 'DB_UPGRADE', where: { field: 'local.from' } },
      );
      assert.deepEqual(await readTables(old), before);
    });
  });
}
