import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import {
  readBackup,
  restoreBackup,
  takeBackup,
  type BackupProgress,
  type DaemonCheck,
} from '../../src/backup/index.js';
import { openSession } from '../../src/backup/db-session.js';
import { takeTextBackup } from '../../src/backup/take-backup.js';
import { openDatabase, UINT64_MAX, type DbConfig } from '../../src/storage/index.js';
import { backends } from '../storage/backends.js';
import { readTables, seedDatabase, stoppedDaemon, type TableRows } from './seed.js';

const clock = () => new Date('2026-03-04T05:06:07Z');

const federatedTables = [
  'user_pool',
  'group_pool',
  'zone_pool',
  'vdc_pool',
  'marketplace_pool',
  'marketplaceapp_pool',
  'acl',
  'db_versioning',
];

/** The rows of `rows` whose column `index` satisfies `keep`. */
const where = (rows: TableRows, table: string, index: number, keep: (v: unknown) => boolean) =>
  rows[table]!.filter((row) => keep(row[index]));

for (const backend of backends) {
  describe(`backup/backup and restore (${backend.name})`, function () {
    this.timeout(60_000);
    let dir: string;
    let daemon: DaemonCheck;
    let source: DbConfig;
    let sourceRows: TableRows;
    let fullBackup: string;
    let counter = 0;

    const newFile = (name: string) => join(dir, `${++counter}-${name}`);
    const restore = (
      file: string,
      db: DbConfig,
      o: { force?: boolean; federated?: boolean } = {},
    ) => restoreBackup({ file, db, force: false, federated: false, daemon, ...o });

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'onekit-backup-'));
      daemon = await stoppedDaemon(dir);
      source = await backend.freshConfig();
      await seedDatabase(source, { tag: 'a', firstLogIndex: 0 });
      sourceRows = await readTables(source);
      fullBackup = newFile('full.bck');
      await takeBackup({ db: source, file: fullBackup, force: false, kind: 'full', clock });
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('backs up every table and restores it, row for row, into a new database', async () => {
      const file = newFile('full.bck');
      const result = await takeBackup({ db: source, file, force: false, kind: 'full', clock });
      assert.equal(result.file, file);
      assert.equal(result.backend, backend.name);
      assert.equal(result.kind, 'full');
      assert.deepEqual([result.shared, result.local], ['7.6.0', '7.6.1']);
      assert.equal(result.rows.user_pool, 3);
      assert.equal(result.rows.logdb, 4);
      assert.equal(Object.keys(result.rows).length, Object.keys(sourceRows).length);
      // SQLite: a page image (format version 2); MySQL: text (version 1).
      const summary = await readBackup(file);
      assert.equal(summary.version, backend.name === 'sqlite' ? 2 : 1);
      assert.deepEqual(summary.header, {
        kind: 'full',
        backend: backend.name,
        shared: '7.6.0',
        local: '7.6.1',
        created: '2026-03-04T05:06:07.000Z',
      });
      assert.deepEqual(summary.rows, result.rows);
      assert.equal(summary.sha256, result.sha256);

      const target = await backend.freshConfig();
      const restored = await restore(file, target);
      assert.deepEqual(restored.rows, result.rows);
      assert.equal(restored.federated, false);
      assert.deepEqual(await readTables(target), sourceRows);
    });

    it('refuses to overwrite a backup file without -f, and replaces it with -f', async () => {
      const file = newFile('taken.bck');
      writeFileSync(file, 'precious');
      await assert.rejects(takeBackup({ db: source, file, force: false, kind: 'full', clock }), {
        code: 'DB_BACKUP',
        where: { file, field: 'force' },
      });
      assert.equal(readFileSync(file, 'utf8'), 'precious');
      await takeBackup({ db: source, file, force: true, kind: 'full', clock });
      assert.equal((await readBackup(file)).header.kind, 'full');
      assert.equal(existsSync(`${file}.partial`), false);
    });

    it('refuses an existing database without -f and replaces it with -f', async () => {
      const target = await backend.freshConfig();
      await seedDatabase(target, { tag: 'b', firstLogIndex: 100, users: 5 });
      const before = await readTables(target);
      const refused =
        target.backend === 'sqlite' ? { file: target.file, field: 'force' } : { field: 'force' };
      await assert.rejects(restore(fullBackup, target), { code: 'DB_BACKUP', where: refused });
      assert.deepEqual(await readTables(target), before);

      await restore(fullBackup, target, { force: true });
      assert.deepEqual(await readTables(target), sourceRows);
      await assertNoLeftovers(target);
    });

    it('refuses a backup file that does not exist', async () => {
      const file = join(dir, 'missing.bck');
      await assert.rejects(restore(file, await backend.freshConfig()), {
        code: 'DB_BACKUP',
        where: { file },
      });
    });

    it('rejects truncated and corrupted text backups, leaving the live database untouched', async () => {
      const target = await backend.freshConfig();
      await seedDatabase(target, { tag: 'b', firstLogIndex: 100 });
      const before = await readTables(target);
      // Federated backups are text on both backends.
      const textBackup = newFile('federated.bck');
      await takeBackup({ db: source, file: textBackup, force: false, kind: 'federated', clock });
      const text = readFileSync(textBackup, 'utf8');
      const lines = text.split('\n');

      const truncated = newFile('truncated.bck');
      writeFileSync(truncated, text.slice(0, Math.floor(text.length * 0.6)));
      await assert.rejects(restore(truncated, target, { force: true }), (err: Error) => {
        assert.equal((err as { code?: string }).code, 'DB_BACKUP');
        const at = (err as unknown as { where: { file: string; line: number; field: string } })
          .where;
        assert.equal(at.file, truncated);
        assert.equal(at.field, 'end');
        assert.ok(at.line > 1 && at.line < lines.length);
        return true;
      });

      // One byte of a user's name changed: still JSON, so the checksum on the end line tells.
      const flipped = newFile('flipped.bck');
      const bytes = Buffer.from(text);
      bytes[text.indexOf('a-user-1')] ^= 0x20;
      writeFileSync(flipped, bytes);
      await assert.rejects(restore(flipped, target, { force: true }), {
        code: 'DB_BACKUP',
        where: { file: flipped, line: lines.length - 1, field: 'sha256' },
      });

      // A row whose JSON broke: the error names its line.
      const broken = newFile('broken.bck');
      const row = lines.findIndex((line) => line.includes('a-user-2'));
      writeFileSync(
        broken,
        [...lines.slice(0, row), lines[row]!.slice(0, -3), ...lines.slice(row + 1)].join('\n'),
      );
      await assert.rejects(restore(broken, target, { force: true }), {
        code: 'DB_BACKUP',
        where: { file: broken, line: row + 1 },
      });

      assert.deepEqual(await readTables(target), before);
      await assertNoLeftovers(target);
    });

    it('backs up the federated tables and rows only; restoring them keeps the local ones', async () => {
      const file = newFile('federated.bck');
      const result = await takeBackup({ db: source, file, force: false, kind: 'federated', clock });
      assert.deepEqual(
        Object.keys(result.rows).sort(),
        [...federatedTables, 'logdb', 'pool_control'].sort(),
      );
      assert.equal(result.rows.logdb, 2);
      assert.equal(result.rows.pool_control, 2);
      assert.equal(result.local, null);

      const target = await backend.freshConfig();
      await seedDatabase(target, { tag: 'b', firstLogIndex: 100, users: 5 });
      const before = await readTables(target);
      // --federated needs no -f: it never replaces the local tables.
      const restored = await restore(file, target, { federated: true });
      assert.equal(restored.federated, true);
      const after = await readTables(target);

      for (const table of federatedTables) assert.deepEqual(after[table], sourceRows[table], table);
      for (const table of [
        'vm_pool',
        'template_pool',
        'local_db_versioning',
        'system_attributes',
      ]) {
        assert.deepEqual(after[table], before[table], table);
      }
      // The target's own log (local records 100 and 102) stays; the federated records
      // follow it, in order, with the target's term, keeping their fed_index.
      const federatedRecord = (v: unknown) => v !== UINT64_MAX;
      const followers = where(sourceRows, 'logdb', 4, federatedRecord)
        .sort((a, b) => Number(a[4]) - Number(b[4]))
        .map((row, i) => [103n + BigInt(i), 1, ...row.slice(2, 5), 1]);
      assert.deepEqual(
        after.logdb,
        [...followers, ...where(before, 'logdb', 4, (v) => !federatedRecord(v))].sort(byText),
      );
      const federatedPool = (v: unknown) => v === 'user_pool' || v === 'group_pool';
      assert.deepEqual(
        after.pool_control,
        [
          ...where(sourceRows, 'pool_control', 0, federatedPool),
          ...where(before, 'pool_control', 0, (v) => !federatedPool(v)),
        ].sort(byText),
      );
      await assertNoLeftovers(target);
    });

    it("gives federated records log indexes after the server's own log, never its own", async () => {
      const file = newFile('federated-overlap.bck');
      await takeBackup({ db: source, file, force: false, kind: 'federated', clock });
      // Local records at 1 and 3: the master's federated records carry log_index 1 and 3.
      const target = await backend.freshConfig();
      await seedDatabase(target, { tag: 'b', firstLogIndex: 1 });
      const db = await openDatabase(target);
      try {
        await db.transaction(async (tx) => {
          const row = { term: 7, sqlcmd: 'b-last', timestamp: 1, fed_index: UINT64_MAX };
          await tx.run({
            op: 'insert',
            table: 'logdb',
            row: { ...row, log_index: 9n, applied: 1 },
          });
        });
      } finally {
        await db.close();
      }
      const local = where(await readTables(target), 'logdb', 4, (v) => v === UINT64_MAX);
      await restore(file, target, { federated: true });
      const after = await readTables(target);
      assert.deepEqual(
        where(after, 'logdb', 4, (v) => v === UINT64_MAX),
        local,
      );
      const restored = where(after, 'logdb', 4, (v) => v !== UINT64_MAX).map((row) => [
        row[0],
        row[1],
        row[4],
        row[5],
      ]);
      assert.deepEqual(restored, [
        [10n, 7, 1n, 1],
        [11n, 7, 3n, 1],
      ]);
    });

    it('restores only the federated part of a full backup with --federated', async () => {
      const target = await backend.freshConfig();
      await seedDatabase(target, { tag: 'b', firstLogIndex: 100, users: 5 });
      const before = await readTables(target);
      await restore(fullBackup, target, { federated: true });
      const after = await readTables(target);
      assert.deepEqual(after.user_pool, sourceRows.user_pool);
      assert.deepEqual(after.vm_pool, before.vm_pool);
      assert.deepEqual(after.local_db_versioning, before.local_db_versioning);
      assert.equal(after.logdb!.length, 4);
    });
  });
}

const byText = (a: unknown[], b: unknown[]) => {
  const key = (row: unknown[]) =>
    JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  return key(a).localeCompare(key(b));
};

/** No temporary file or table of a restore is left behind. */
async function assertNoLeftovers(db: DbConfig): Promise<void> {
  if (db.backend === 'sqlite') {
    assert.equal(existsSync(`${db.file}.onedb-restore`), false);
    return;
  }
  const session = (await openSession(db, { create: false }))!;
  try {
    const names = [...(await session.tableNames())];
    assert.deepEqual(
      names.filter((n) => n.startsWith('onekit_')),
      [],
    );
  } finally {
    await session.close();
  }
}

describe('backup/restore across backends', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-backup-cross-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('restores a SQLite page image into MariaDB and that one back into SQLite', async () => {
    const [sqlite, mysql] = backends;
    const daemon = await stoppedDaemon(dir);
    const source = await sqlite!.freshConfig();
    await seedDatabase(source, { tag: 'x', firstLogIndex: 7 });
    const expected = await readTables(source);

    const first = join(dir, 'from-sqlite.bck');
    await takeBackup({ db: source, file: first, force: false, kind: 'full', clock });
    assert.equal((await readBackup(first)).version, 2);
    const middle = await mysql!.freshConfig();
    await restoreBackup({ file: first, db: middle, force: false, federated: false, daemon });
    assert.deepEqual(await readTables(middle), expected);

    const second = join(dir, 'from-mysql.bck');
    const taken = await takeBackup({ db: middle, file: second, force: false, kind: 'full', clock });
    assert.equal(taken.backend, 'mysql');
    const back = await sqlite!.freshConfig();
    await restoreBackup({ file: second, db: back, force: false, federated: false, daemon });
    assert.deepEqual(await readTables(back), expected);
  });
});

describe('backup/progress (sqlite)', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-backup-progress-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports every 10000 rows of a big table, backing up and restoring text', async () => {
    const source: DbConfig = { backend: 'sqlite', file: join(dir, 'big.db') };
    const db = await openDatabase(source);
    await db.createSchema();
    await db.transaction(async (tx) => {
      for (let i = 0; i < 25_000; i++) {
        await tx.run({
          op: 'insert',
          table: 'vm_monitoring',
          row: {
            vmid: i % 10,
            last_poll: i,
            body: `<MONITORING><TIMESTAMP>${i}</TIMESTAMP></MONITORING>`,
          },
        });
      }
    });
    await db.close();

    const file = join(dir, 'big.bck');
    const taken: BackupProgress[] = [];
    // A text backup of a whole SQLite database, as earlier releases wrote them.
    await takeTextBackup({
      db: source,
      file,
      force: false,
      kind: 'full',
      clock,
      onProgress: (p) => taken.push(p),
    });
    const expected = [
      { table: 'vm_monitoring', rows: 10_000 },
      { table: 'vm_monitoring', rows: 20_000 },
    ];
    assert.deepEqual(taken, expected);
    assert.equal((await readBackup(file)).version, 1);

    const restored: BackupProgress[] = [];
    const target: DbConfig = { backend: 'sqlite', file: join(dir, 'restored.db') };
    const result = await restoreBackup({
      file,
      db: target,
      force: false,
      federated: false,
      daemon: await stoppedDaemon(dir),
      onProgress: (p) => restored.push(p),
    });
    assert.deepEqual(restored, expected);
    assert.equal(result.rows.vm_monitoring, 25_000);
    assert.deepEqual(await readTables(target), await readTables(source));
  });
});
