import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { writeCredentialFiles } from '../../../../daemon/src/bootstrap/index.js';
import {
  createPreviousDatabase,
  previousBootstrapRows,
} from '../../../../daemon/src/upgrade/index.js';
import { DaemonRoot, ONEADMIN_PASSWORD } from '../../../../daemon/test/support/daemon-root.js';
import { runBin } from '../../process/run-bin.js';

// `onedb upgrade` as a process on a SQLite database the previous release created: refused
// by the daemon until upgraded, upgraded with a backup, then served by a real daemon.

const secret = () => randomBytes(32).toString('hex');

describe('commands/onedb upgrade (processes, sqlite)', function () {
  this.timeout(120_000);
  let root: DaemonRoot;
  let files: string;

  before(async () => {
    root = await DaemonRoot.create();
    files = mkdtempSync(join(tmpdir(), 'onedb-upgrade-test-'));
    const serveradmin = secret();
    await createPreviousDatabase(
      { backend: 'sqlite', file: root.paths.sqliteDb },
      {
        now: Math.floor(Date.now() / 1000),
        rows: previousBootstrapRows({
          oneadmin: { name: 'oneadmin', password: ONEADMIN_PASSWORD },
          serveradminSecret: serveradmin,
          randomSecret: secret,
          endpoint: root.endpoint,
        }),
      },
    );
    writeCredentialFiles({
      directory: root.paths.oneDir,
      files: Object.values(root.paths.serviceCredentials),
      content: `serveradmin:${serveradmin}\n`,
    });
  });
  after(() => {
    root?.remove();
    rmSync(files, { recursive: true, force: true });
  });

  const onedb = (args: string[]) =>
    runBin('onedb', args, { env: { ONE_LOCATION: root.dir, HOME: files, TZ: 'UTC' } });

  it('upgrades the old database after the daemon refused it, and the daemon serves its users', async () => {
    const refused = await root.run([]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /onedb upgrade/);
    assert.equal((await onedb(['version'])).status, 2);

    const backup = join(files, 'before-upgrade.bck');
    const upgraded = await onedb(['upgrade', '-b', backup]);
    assert.equal(upgraded.status, 0, upgraded.stderr);
    assert.ok(upgraded.stderr.includes(`Database backup stored in ${backup}\n`), upgraded.stderr);
    assert.match(upgraded.stderr, /Running local migrator 7\.6\.0 to 7\.6\.1: /);
    assert.equal(
      upgraded.stdout,
      'Shared: 7.6.0 -> 7.6.0\nLocal:  7.6.0 -> 7.6.1\nDatabase migrated successfully.\n',
    );
    assert.ok(existsSync(backup));
    assert.equal((await onedb(['version'])).status, 0);

    const again = await onedb(['upgrade', '--json']);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).upgraded, false);
    assert.equal((await onedb(['upgrade'])).stdout, 'Database schema is up to date.\n');

    const daemon = await root.start();
    try {
      const users = String(await daemon.client.value('one.userpool.info', root.session));
      assert.match(users, /<NAME>oneadmin<\/NAME>/);
      assert.match(users, /<NAME>serveradmin<\/NAME>/);
      const running = await onedb(['upgrade', '--json']);
      assert.equal(running.status, 255);
      assert.equal(JSON.parse(running.stderr).error.code, 'DB_BACKUP');
    } finally {
      await daemon.stop();
    }
  });

  it('takes no backup with --no-backup, and refuses an existing -b file', async () => {
    const file = join(files, 'second.db');
    await createPreviousDatabase({ backend: 'sqlite', file }, { now: 0, rows: [] });
    const existing = join(files, 'before-upgrade.bck');
    const refused = await onedb(['upgrade', '-s', file, '-b', existing, '--json']);
    assert.equal(refused.status, 255);
    assert.equal(JSON.parse(refused.stderr).error.code, 'DB_BACKUP');

    const before = readdirSync(root.paths.var);
    const upgraded = await onedb(['upgrade', '-s', file, '--no-backup']);
    assert.equal(upgraded.status, 0, upgraded.stderr);
    assert.doesNotMatch(upgraded.stderr, /backup stored/);
    assert.deepEqual(readdirSync(root.paths.var), before);
    assert.equal((await onedb(['version', '-s', file])).status, 0);
  });
});
