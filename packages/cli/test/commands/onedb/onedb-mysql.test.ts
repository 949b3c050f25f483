import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { backupFileOf } from '@onekit/agent';
import { createPreviousDatabase } from '../../../../daemon/src/upgrade/index.js';
import { openDatabase, type MysqlConfig } from '../../../../daemon/src/storage/index.js';
import { startMariaDb, type ScratchMariaDb } from '../../../../../test/support/mariadb.js';
import { DaemonRoot } from '../../../../daemon/test/support/daemon-root.js';
import { runBin } from '../../process/run-bin.js';

// `onedb` as a process against a scratch MariaDB server, with the connection options of
// the command line: the password from -p or ONE_DB_PASSWORD, a SQLite backup restored
// into MariaDB and back, and an upgrade of a database the previous release left.

describe('commands/onedb (processes, mysql)', function () {
  this.timeout(120_000);
  let mariadb: ScratchMariaDb;
  let root: DaemonRoot;
  let files: string;
  let sqliteBackup: string;
  const dbName = `onedb_cli_${process.pid}`;

  const onedb = (args: string[], env: Record<string, string> = {}) =>
    runBin('onedb', args, { env: { ONE_LOCATION: root.dir, HOME: files, ...env } });
  const mysql = () => [
    '-S',
    mariadb.host,
    '-P',
    String(mariadb.port),
    '-u',
    mariadb.user,
    '-d',
    dbName,
  ];
  const withPassword = () => ({ ONE_DB_PASSWORD: mariadb.password });

  before(async () => {
    mariadb = await startMariaDb();
    root = await DaemonRoot.create();
    await (await root.start()).stop();
    files = mkdtempSync(join(tmpdir(), 'onedb-mysql-test-'));
    sqliteBackup = join(files, 'from-sqlite.bck');
    const taken = await onedb(['backup', sqliteBackup]);
    assert.equal(taken.status, 0, taken.stderr);
  });
  after(async () => {
    await mariadb?.stop();
    root?.remove();
    rmSync(files, { recursive: true, force: true });
  });

  it('takes the password from -p or ONE_DB_PASSWORD when nobody can be asked', async () => {
    const unasked = await onedb(['version', '--json', ...mysql()]);
    assert.equal(unasked.status, 255);
    const { code, where } = JSON.parse(unasked.stderr).error;
    assert.deepEqual({ code, where }, { code: 'FLAG_REQUIRED', where: { field: 'password' } });

    const missing = await onedb(['version', ...mysql()], withPassword());
    assert.equal(missing.status, 1, missing.stderr);
    const flag = await onedb(['version', ...mysql(), '-p', mariadb.password]);
    assert.equal(flag.status, 1, flag.stderr);

    const wrong = await onedb(['version', '--json', ...mysql(), '-p', 'wrong']);
    assert.equal(wrong.status, 255);
    assert.equal(JSON.parse(wrong.stderr).error.code, 'CONNECTION');
  });

  it('restores a SQLite backup into MariaDB, and a MariaDB backup into SQLite', async () => {
    const restored = await onedb(['restore', ...mysql(), '-p', mariadb.password, sqliteBackup]);
    assert.deepEqual(restored, {
      status: 0,
      stdout: `MySQL DB ${dbName} at ${mariadb.host} restored.\n`,
      stderr: '',
    });
    assert.equal((await onedb(['version', ...mysql()], withPassword())).status, 0);
    const again = await onedb(['restore', '--json', ...mysql(), sqliteBackup], withPassword());
    assert.equal(again.status, 255);
    assert.deepEqual(JSON.parse(again.stderr).error.where, { field: 'force' });

    const backup = await onedb(['backup', ...mysql()], withPassword());
    assert.equal(backup.status, 0, backup.stderr);
    const file = backupFileOf(backup.stdout)!;
    assert.match(
      file,
      new RegExp(
        `^${root.paths.var}/mysql_${mariadb.host}_${dbName}_\\d{4}-\\d{1,2}-\\d{1,2}_[\\d:]+\\.sql$`,
      ),
    );
    const back = join(files, 'back.db');
    assert.equal((await onedb(['restore', '-s', back, file])).status, 0);
    assert.equal((await onedb(['version', '-s', back])).status, 0);
  });

  it('backs up and restores the federated tables alone', async () => {
    const backup = await onedb(['backup', '--federated', ...mysql()], withPassword());
    assert.equal(backup.status, 0, backup.stderr);
    const file = backupFileOf(backup.stdout)!;
    assert.match(file, /_federated_\d{4}-/);
    const restored = await onedb(
      ['restore', '--federated', '-v', ...mysql(), file],
      withPassword(),
    );
    assert.equal(restored.status, 0, restored.stderr);
    assert.match(
      restored.stdout,
      /^MySQL DB .* restored\. \(federated tables only\)\n {2}user_pool +2\n/,
    );
  });

  it('upgrades a database the previous release left, with its rows, after a backup', async () => {
    const old: MysqlConfig = {
      backend: 'mysql',
      server: mariadb.host,
      port: mariadb.port,
      user: mariadb.user,
      passwd: mariadb.password,
      dbName: `onedb_cli_old_${process.pid}`,
    };
    const user = (oid: number, name: string) => ({
      op: 'insert' as const,
      table: 'user_pool',
      row: {
        oid,
        name,
        body: `<USER><ID>${oid}</ID><NAME>${name}</NAME></USER>`,
        uid: oid,
        gid: 1,
        owner_u: 1,
        group_u: 0,
        other_u: 0,
      },
    });
    await createPreviousDatabase(old, { now: 0, rows: [user(0, 'oneadmin'), user(7, 'alice')] });
    const args = [...mysql().slice(0, -1), old.dbName];
    assert.equal((await onedb(['version', ...args], withPassword())).status, 2);

    const backup = join(files, 'mysql-before-upgrade.bck');
    const upgraded = await onedb(['upgrade', ...args, '-b', backup], withPassword());
    assert.equal(upgraded.status, 0, upgraded.stderr);
    assert.equal(
      upgraded.stdout,
      'Shared: 7.6.0 -> 7.6.0\nLocal:  7.6.0 -> 7.6.1\nDatabase migrated successfully.\n',
    );
    assert.equal((await onedb(['version', ...args], withPassword())).status, 0);
    const db = await openDatabase(old);
    try {
      const names = await db.query('SELECT name FROM user_pool ORDER BY oid');
      assert.deepEqual(
        names.map((r) => r.name),
        ['oneadmin', 'alice'],
      );
    } finally {
      await db.close();
    }
    const restored = await onedb(['restore', '-f', ...args, backup], withPassword());
    assert.equal(restored.status, 0, restored.stderr);
    assert.equal((await onedb(['version', ...args], withPassword())).status, 2);
  });
});
