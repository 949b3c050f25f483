import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from '@onekit/core';
import { after, before, describe, it } from 'mocha';
import { startMariaDb, type ScratchMariaDb } from '../../../../../test/support/mariadb.js';
import { insertZoneWrite, zoneStates } from '../../../../daemon/src/pools/zone/index.js';
import { openDatabase, type WriteOp } from '../../../../daemon/src/storage/index.js';
import { DaemonRoot } from '../../../../daemon/test/support/daemon-root.js';
import { runBin } from '../../process/run-bin.js';

// onedb fsck, sqlite2mysql, mysql2sqlite and import-slave as processes, on databases a
// real daemon bootstrapped.

async function write(file: string, ops: WriteOp[]): Promise<void> {
  const db = await openDatabase({ backend: 'sqlite', file });
  try {
    await db.transaction(async (tx) => {
      for (const op of ops) await tx.run(op);
    });
  } finally {
    await db.close();
  }
}

describe('commands/onedb fsck, sqlite2mysql, mysql2sqlite, import-slave (processes)', function () {
  this.timeout(120_000);
  let master: DaemonRoot;
  let slave: DaemonRoot;
  let mariadb: ScratchMariaDb;
  let files: string;

  const onedb = (root: DaemonRoot, args: string[], env: Record<string, string> = {}) =>
    runBin('onedb', args, { env: { ONE_LOCATION: root.dir, HOME: files, ...env }, cwd: files });

  before(async () => {
    files = mkdtempSync(join(tmpdir(), 'onedb-offline-test-'));
    master = await DaemonRoot.create();
    slave = await DaemonRoot.create();
    await (await master.start()).stop();
    await (await slave.start()).stop();
    mariadb = await startMariaDb();
  });
  after(async () => {
    await mariadb?.stop();
    master?.remove();
    slave?.remove();
    rmSync(files, { recursive: true, force: true });
  });

  it('fsck: reports nothing on a fresh database, then finds, backs up and fixes a problem', async () => {
    const clean = await onedb(master, ['fsck', '--dry']);
    assert.deepEqual(clean, { status: 0, stdout: '\nTotal errors found: 0\n', stderr: '' });
    await write(master.paths.sqliteDb, [
      { op: 'replace', table: 'pool_control', row: { tablename: 'user_pool', last_oid: 0n } },
    ]);
    const backup = join(files, 'fsck.bck');
    const fixed = await onedb(master, ['fsck', '-b', backup]);
    assert.equal(fixed.status, 1, fixed.stderr);
    assert.equal(
      fixed.stdout,
      `Database backup stored in ${backup}\n` +
        'pool_control user_pool has last_oid 0, but the highest id in user_pool is 1\n\n' +
        'Total errors found: 1\nTotal errors fixed: 1\n',
    );
    assert.ok(existsSync(backup));
    const json = await onedb(master, ['fsck', '--dry', '--json']);
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout).problems, []);
  });

  it('sqlite2mysql then mysql2sqlite: the copy is a database the daemon version accepts', async () => {
    const mysql = [
      '-S',
      mariadb.host,
      '-P',
      String(mariadb.port),
      '-u',
      mariadb.user,
      '-d',
      `offline_${process.pid}`,
    ];
    const env = { ONE_DB_PASSWORD: mariadb.password };
    const there = await onedb(master, ['sqlite2mysql', '-s', master.paths.sqliteDb, ...mysql], env);
    assert.equal(there.status, 0, there.stderr);
    assert.match(
      there.stdout,
      /copied to offline_\d+ at 127\.0\.0\.1: \d+ tables, \d+ rows, row counts and checksums verified\.\n$/,
    );
    const again = await onedb(
      master,
      ['sqlite2mysql', '--json', '-s', master.paths.sqliteDb, ...mysql],
      env,
    );
    assert.equal(again.status, 255);
    assert.deepEqual(JSON.parse(again.stderr).error.where, { field: 'force' });

    const copy = join(files, 'back.db');
    const back = await onedb(master, ['mysql2sqlite', '--json', ...mysql, '-s', copy], env);
    assert.equal(back.status, 0, back.stderr);
    assert.equal(JSON.parse(back.stdout).to.database, copy);
    assert.equal((await onedb(master, ['version', '-s', copy])).status, 0);
  });

  it('import-slave: needs its merge flags without a terminal, then merges and writes the log', async () => {
    await write(master.paths.sqliteDb, [
      insertZoneWrite({
        id: 100,
        name: 'zone2',
        state: zoneStates.ENABLED,
        template: new Template(),
        servers: [],
      }),
    ]);
    const args = [
      'import-slave',
      '-s',
      master.paths.sqliteDb,
      '--slave-sqlite',
      slave.paths.sqliteDb,
      '--zone-id',
      '100',
    ];
    const unasked = await onedb(master, [...args, '--json', '--merge-users']);
    assert.equal(unasked.status, 255);
    assert.deepEqual(JSON.parse(unasked.stderr).error, {
      code: 'FLAG_REQUIRED',
      message: '--merge-groups is required when not running interactively',
      where: { field: 'merge-groups' },
    });
    const imported = await onedb(master, [
      ...args,
      '--merge-users',
      '--no-merge-groups',
      '-b',
      join(files, 'import.bck'),
    ]);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /imported into .* as zone 100: /);
    const log = readFileSync(join(files, 'onedb-import.log'), 'utf8');
    assert.match(log, /^# merge users: yes, merge groups: no$/m);
    assert.match(log, /^user 0 oneadmin -> 0 oneadmin \(system\)$/m);
    assert.ok(existsSync(join(files, 'import.bck-slave')));
  });
});
