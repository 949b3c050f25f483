import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  readVersionHistory,
  readVersionReport,
  versionStatus,
  versionStatuses,
} from '../../src/backup/index.js';
import { openDatabase, type DbConfig, type WriteOp } from '../../src/storage/index.js';
import { backends } from '../storage/backends.js';

const row = (table: string, oid: number, version: string, extra: object = {}): WriteOp => ({
  op: 'insert',
  table,
  row: { oid, version, timestamp: 1_700_000_000 + oid, comment: `step ${oid}`, ...extra },
});
const shared = (oid: number, version: string) => row('db_versioning', oid, version);
const local = (oid: number, version: string, isSlave = 0) =>
  row('local_db_versioning', oid, version, { is_slave: isSlave });

describe('backup/version-report: statuses', () => {
  it('orders as oned onedb does: not bootstrapped, then older, then newer', () => {
    const required = { shared: '7.6.0', local: '7.6.0' };
    const cases: [string | undefined, string | undefined, number][] = [
      ['7.6.0', '7.6.0', versionStatuses.current],
      [undefined, '7.6.0', versionStatuses.notBootstrapped],
      ['7.6.0', undefined, versionStatuses.notBootstrapped],
      ['7.4.0', '7.6.0', versionStatuses.upgradeNeeded],
      ['7.6.0', '6.10.0', versionStatuses.upgradeNeeded],
      ['7.10.0', '7.6.0', versionStatuses.newerThanRelease],
      ['7.4.0', '7.8.0', versionStatuses.upgradeNeeded],
    ];
    for (const [s, l, status] of cases) {
      assert.equal(versionStatus({ shared: s, local: l }, required), status, `${s} ${l}`);
    }
  });
});

for (const backend of backends) {
  describe(`backup/version-report (${backend.name})`, function () {
    this.timeout(60_000);
    async function database(ops: WriteOp[], o: { schema?: boolean } = {}): Promise<DbConfig> {
      const config = await backend.freshConfig();
      const db = await openDatabase(config);
      try {
        if (o.schema ?? true) await db.createSchema();
        if (ops.length > 0) {
          await db.transaction(async (tx) => {
            for (const op of ops) await tx.run(op);
          });
        }
      } finally {
        await db.close();
      }
      return config;
    }

    it('says a database without versions is not bootstrapped (1)', async () => {
      const missing = await backend.freshConfig();
      assert.equal((await readVersionReport(missing)).status, 1);
      assert.equal((await readVersionReport(await database([], { schema: false }))).status, 1);
      assert.equal((await readVersionReport(await database([]))).status, 1);
      assert.equal((await readVersionReport(await database([shared(0, '7.6.0')]))).status, 1);
    });

    it('reads the row with the highest oid of each table and compares (0, 2, 3)', async () => {
      const current = await readVersionReport(
        await database([shared(0, '7.6.0'), local(0, '7.6.1', 1)]),
      );
      assert.equal(current.status, 0);
      assert.deepEqual(current.shared, {
        oid: 0,
        version: '7.6.0',
        timestamp: 1_700_000_000,
        comment: 'step 0',
      });
      assert.deepEqual(current.local, {
        oid: 0,
        version: '7.6.1',
        timestamp: 1_700_000_000,
        comment: 'step 0',
        isSlave: true,
      });
      assert.deepEqual(current.required, { shared: '7.6.0', local: '7.6.1' });

      const older = await database([shared(0, '7.6.0'), shared(1, '7.4.0'), local(0, '7.6.0')]);
      assert.equal((await readVersionReport(older)).status, 2);
      const newer = await database([shared(0, '7.6.0'), local(0, '7.6.0'), local(3, '7.8.0')]);
      const report = await readVersionReport(newer);
      assert.equal(report.status, 3);
      assert.equal(report.local?.version, '7.8.0');
    });

    it('lists the history of db_versioning, oldest first', async () => {
      const db = await database([shared(2, '7.6.0'), shared(0, '7.2.0'), shared(1, '7.4.0')]);
      assert.deepEqual(
        (await readVersionHistory(db)).map((r) => [r.oid, r.version, r.comment]),
        [
          [0, '7.2.0', 'step 0'],
          [1, '7.4.0', 'step 1'],
          [2, '7.6.0', 'step 2'],
        ],
      );
      await assert.rejects(readVersionHistory(await backend.freshConfig()), {
        code: 'STORAGE',
        where: { field: 'db_versioning' },
      });
    });
  });
}
