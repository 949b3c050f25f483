import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { backupFileOf } from '@onekit/agent';
import { openDatabase, type WriteOp } from '../../../../daemon/src/storage/index.js';
import { DaemonRoot, type DaemonProcess } from '../../../../daemon/test/support/daemon-root.js';
import { runBin } from '../../process/run-bin.js';

// `onedb` as a process on a SQLite root with a real daemon: versions, history, a backup
// while the daemon runs, restores refused while it runs and done once it stopped.

const versionRows = (shared: string, local: string): WriteOp[] => [
  {
    op: 'insert',
    table: 'db_versioning',
    row: { oid: 0, version: shared, timestamp: 0, comment: 'test' },
  },
  {
    op: 'insert',
    table: 'local_db_versioning',
    row: { oid: 0, version: local, timestamp: 0, comment: 'test', is_slave: 0 },
  },
];

describe('commands/onedb (processes, sqlite)', function () {
  this.timeout(120_000);
  let root: DaemonRoot;
  let daemon: DaemonProcess | undefined;
  let files: string;

  before(async () => {
    root = await DaemonRoot.create();
    daemon = await root.start();
    files = mkdtempSync(join(tmpdir(), 'onedb-test-'));
  });
  after(async () => {
    await daemon?.stop();
    root?.remove();
    rmSync(files, { recursive: true, force: true });
  });

  const onedb = (args: string[]) =>
    runBin('onedb', args, { env: { ONE_LOCATION: root.dir, HOME: files, TZ: 'UTC' } });
  const jsonError = async (args: string[]) => {
    const result = await onedb([...args, '--json']);
    assert.equal(result.status, 255, result.stderr);
    const { code, where } = JSON.parse(result.stderr).error;
    return { code, where } as { code: string; where?: Record<string, unknown> };
  };

  it('prints the versions of a bootstrapped database, and its history', async () => {
    const version = await onedb(['version']);
    assert.deepEqual(version, {
      status: 0,
      stdout:
        'Shared: 7.6.0\nLocal:  7.6.1\nRequired shared version: 7.6.0\nRequired local version:  7.6.1\n',
      stderr: '',
    });
    const verbose = await onedb(['version', '-v']);
    assert.equal(verbose.status, 0);
    assert.match(
      verbose.stdout,
      /^Shared tables version: {3}7\.6\.0\nRequired version: {8}7\.6\.0\nTimestamp: \d\d\/\d\d \d\d:\d\d:\d\d\nComment: {3}7\.5\.80 daemon bootstrap .*\n\nLocal tables version: {4}7\.6\.1\n/,
    );
    const history = await onedb(['history']);
    assert.equal(history.status, 0);
    assert.match(
      history.stdout,
      /^Version: {3}7\.6\.0\nTimestamp: \d\d\/\d\d \d\d:\d\d:\d\d\nComment: {3}7\.5\.80 daemon bootstrap[^\n]*\n\n$/,
    );
    assert.equal(JSON.parse((await onedb(['version', '--json'])).stdout).status, 0);
  });

  it('backs up while the daemon runs; restores only once it stopped, and with -f', async () => {
    const backup = await onedb(['backup']);
    assert.equal(backup.status, 0, backup.stderr);
    const file = backupFileOf(backup.stdout)!;
    assert.match(
      backup.stdout,
      /^Sqlite database backup stored in .*\/var\/one\.db_\d{4}-\d{1,2}-\d{1,2}_\d{1,2}:\d{1,2}:\d{1,2}\.bck\nUse 'onedb restore' to restore the DB\.\n$/,
    );
    assert.ok(file.startsWith(`${root.paths.var}/`), file);
    assert.equal(statSync(file).mode & 0o777, 0o600);

    assert.deepEqual(await jsonError(['backup', file]), {
      code: 'DB_BACKUP',
      where: { file, field: 'force' },
    });
    assert.equal((await onedb(['backup', '-f', file])).status, 0);

    const running = await onedb(['restore', '-f', file]);
    assert.equal(running.status, 255);
    assert.match(running.stderr, /First stop OpenNebula\. Lock file found: /);
    await daemon!.stop();
    daemon = undefined;

    assert.deepEqual(await jsonError(['restore', file]), {
      code: 'DB_BACKUP',
      where: { file: root.paths.sqliteDb, field: 'force' },
    });
    const restored = await onedb(['restore', '-f', file]);
    assert.deepEqual(restored, {
      status: 0,
      stdout: `Sqlite database backup restored in ${root.paths.sqliteDb}\n`,
      stderr: '',
    });
    daemon = await root.start();
    const zones = await daemon.client.value('one.zonepool.info', root.session);
    assert.match(zones as string, /<NAME>OpenNebula<\/NAME>/);
    await daemon.stop();
    daemon = undefined;
  });

  it('names the file and line of a backup that is missing, truncated or corrupted', async () => {
    const missing = join(files, 'missing.bck');
    const gone = await onedb(['restore', '-s', join(files, 'new.db'), missing]);
    assert.equal(gone.status, 255);
    assert.match(gone.stderr, /missing\.bck doesn't exist, backup restoration aborted\./);

    // A text backup (federated) names the line; a page image (full SQLite) the file.
    const federated = join(files, 'federated.bck');
    assert.equal((await onedb(['backup', '--federated', federated])).status, 0);
    const text = readFileSync(federated, 'utf8');
    const cut = join(files, 'cut.bck');
    writeFileSync(cut, text.slice(0, text.length - 40));
    const target = join(files, 'target.db');
    const error = await jsonError(['restore', '-s', target, cut]);
    assert.equal(error.code, 'DB_BACKUP');
    assert.deepEqual(
      { ...error.where, line: typeof error.where?.line },
      { file: cut, line: 'number', field: 'end' },
    );
    const text2 = await onedb(['restore', '-s', target, cut]);
    assert.match(text2.stderr, new RegExp(`in ${cut}:\\d+ \\(end\\)`));
    assert.equal(existsSync(target), false);

    const whole = join(files, 'whole.bck');
    assert.equal((await onedb(['backup', whole])).status, 0);
    const image = readFileSync(whole);
    const cutImage = join(files, 'cut-image.bck');
    writeFileSync(cutImage, image.subarray(0, image.length - 40));
    const imageError = await jsonError(['restore', '-s', target, cutImage]);
    assert.deepEqual(
      [imageError.code, imageError.where],
      ['DB_BACKUP', { file: cutImage, field: 'end' }],
    );
    const text3 = await onedb(['restore', '-s', target, cutImage]);
    assert.match(text3.stderr, new RegExp(`in ${cutImage} \\(end\\)`));
    assert.equal(existsSync(target), false);
  });

  it('exits 1 for a database never bootstrapped, 2 for an older one, 3 for a newer one', async () => {
    const none = await onedb(['version', '-s', join(files, 'none.db')]);
    assert.equal(none.status, 1);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /none\.db is not bootstrapped/);
    assert.equal(
      JSON.parse((await onedb(['version', '--json', '-s', join(files, 'none.db')])).stdout).status,
      1,
    );

    const cases: [string, string, string, number][] = [
      ['older.db', '7.4.0', '7.6.0', 2],
      ['newer.db', '7.6.0', '7.10.0', 3],
    ];
    for (const [name, shared, local, status] of cases) {
      const file = join(files, name);
      const db = await openDatabase({ backend: 'sqlite', file });
      await db.createSchema();
      await db.transaction(async (tx) => {
        for (const op of versionRows(shared, local)) await tx.run(op);
      });
      await db.close();
      const result = await onedb(['version', '-s', file]);
      assert.equal(result.status, status, name);
      assert.match(result.stdout, new RegExp(`^Shared: ${shared}\nLocal:  ${local}\n`));
    }

    const garbage = join(files, 'garbage.db');
    writeFileSync(garbage, 'this is not a database');
    assert.equal((await onedb(['version', '-s', garbage])).status, 255);
  });

  it('reports progress on stderr for big tables and big images, except with --json', async () => {
    const file = join(files, 'big.db');
    const db = await openDatabase({ backend: 'sqlite', file });
    await db.createSchema();
    const body = 'x'.repeat(24_000);
    await db.transaction(async (tx) => {
      for (let i = 0; i < 20_000; i++) {
        await tx.run({
          op: 'insert',
          table: 'user_pool',
          row: {
            oid: i,
            name: `user${i}`,
            body: '<USER/>',
            uid: i,
            gid: 1,
            owner_u: 1,
            group_u: 0,
            other_u: 0,
          },
        });
      }
      // Enough for one report of the page image, every 64 MiB.
      for (let i = 0; i < 3_000; i++) {
        await tx.run({
          op: 'insert',
          table: 'vm_monitoring',
          row: { vmid: 1, last_poll: i, body },
        });
      }
    });
    await db.close();
    // Federated backups are text: progress by rows.
    const text = await onedb(['backup', '--federated', '-s', file, join(files, 'big.bck')]);
    assert.equal(text.status, 0);
    assert.equal(
      text.stderr,
      'Backing up user_pool: 10000 rows...\n' +
        'Backing up user_pool: 20000 rows...\n' +
        'Backup: done\n',
    );
    const image = await onedb(['backup', '-s', file, join(files, 'big-image.bck')]);
    assert.equal(image.status, 0);
    assert.match(image.stderr, /^Backing up the database: \d+%\.\.\.\nBackup: done\n$/);
    const quiet = await onedb(['backup', '--json', '-s', file, join(files, 'big2.bck')]);
    assert.equal(quiet.stderr, '');
    assert.equal(JSON.parse(quiet.stdout).rows.user_pool, 20_000);
  });
});
