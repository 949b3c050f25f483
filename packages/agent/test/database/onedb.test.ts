import assert from 'node:assert/strict';
import {
  backupDatabase,
  backupFileOf,
  reownDatabase,
  restoreDatabase,
  upgradeDatabase,
} from '../../src/database/index.js';
import type { CommandOutput } from '../../src/exec/index.js';

function recorder(output: CommandOutput) {
  const calls: Array<[string, readonly string[]]> = [];
  const runner = async (command: string, args: readonly string[]) => {
    calls.push([command, args]);
    return output;
  };
  return { calls, runner };
}

describe('database/onedb', () => {
  it('finds the dump a backup names', () => {
    assert.equal(
      backupFileOf('Sqlite database backup stored in /var/lib/one/one.db_2024-5-1_12:0:0.bck\n'),
      '/var/lib/one/one.db_2024-5-1_12:0:0.bck',
    );
    assert.equal(
      backupFileOf('MySQL dump stored in /var/lib/one/mysql_x.sql'),
      '/var/lib/one/mysql_x.sql',
    );
    assert.equal(backupFileOf('done'), undefined);
  });

  it('runs onedb backup with the given arguments and returns the dump', async () => {
    const { calls, runner } = recorder({
      exitCode: 0,
      stdout: 'MySQL dump stored in /tmp/d.sql\n',
      stderr: '',
    });
    const onedb = { command: '/usr/bin/ruby', args: ['/usr/bin/onedb'] };
    assert.deepEqual(await backupDatabase({ onedb, runner }, ['--federated']), {
      file: '/tmp/d.sql',
    });
    assert.deepEqual(calls, [['/usr/bin/ruby', ['/usr/bin/onedb', 'backup', '--federated']]]);
  });

  it('restores with -f and the file last', async () => {
    const { calls, runner } = recorder({ exitCode: 0, stdout: '', stderr: '' });
    await restoreDatabase({ onedb: { command: 'onedb', args: [] }, runner }, '/tmp/d.sql', [
      '--federated',
    ]);
    assert.deepEqual(calls, [['onedb', ['restore', '-f', '--federated', '/tmp/d.sql']]]);
    await assert.rejects(
      restoreDatabase({ onedb: { command: 'onedb', args: [] }, runner }, 'd.sql', []),
      {
        code: 'PATH_REFUSED',
        where: { file: 'd.sql' },
      },
    );
  });

  it('runs onedb upgrade with the given arguments and answers what it printed', async () => {
    const { calls, runner } = recorder({
      exitCode: 0,
      stdout: 'Database schema is up to date.\n',
      stderr: '',
    });
    assert.deepEqual(
      await upgradeDatabase({ onedb: { command: 'onedb', args: [] }, runner }, [
        '-b',
        '/tmp/b.bck',
      ]),
      {
        output: 'Database schema is up to date.\n',
      },
    );
    assert.deepEqual(calls, [['onedb', ['upgrade', '-b', '/tmp/b.bck']]]);
    const failed = recorder({ exitCode: 255, stdout: '', stderr: 'no migrator from 7.5.99\n' });
    await assert.rejects(
      upgradeDatabase({ onedb: { command: 'onedb', args: [] }, runner: failed.runner }, []),
      { code: 'HOST_COMMAND', where: { field: 'onedb upgrade' } },
    );
  });

  it('runs onedb reown on an absolute log and answers what it printed', async () => {
    const { calls, runner } = recorder({ exitCode: 0, stdout: '12 local rows\n', stderr: '' });
    const onedb = { command: 'onedb', args: [] };
    assert.deepEqual(await reownDatabase({ onedb, runner }, '/var/b/onedb-import.log'), {
      output: '12 local rows\n',
    });
    assert.deepEqual(calls, [['onedb', ['reown', '/var/b/onedb-import.log']]]);
    await assert.rejects(reownDatabase({ onedb, runner }, 'onedb-import.log'), {
      code: 'PATH_REFUSED',
      where: { file: 'onedb-import.log' },
    });
    const failed = recorder({ exitCode: 255, stdout: '', stderr: 'First stop OpenNebula.\n' });
    await assert.rejects(reownDatabase({ onedb, runner: failed.runner }, '/x.log'), {
      code: 'HOST_COMMAND',
      where: { field: 'onedb reown' },
    });
  });

  it('reports a failed or silent onedb as HOST_COMMAND', async () => {
    const onedb = { command: 'onedb', args: [] };
    const failed = recorder({ exitCode: 255, stdout: '', stderr: 'First stop OpenNebula.\n' });
    await assert.rejects(backupDatabase({ onedb, runner: failed.runner }, []), (err: Error) => {
      assert.equal((err as { code?: string }).code, 'HOST_COMMAND');
      assert.match(err.message, /First stop OpenNebula/);
      return true;
    });
    const silent = recorder({ exitCode: 0, stdout: 'ok\n', stderr: '' });
    await assert.rejects(backupDatabase({ onedb, runner: silent.runner }, []), {
      code: 'HOST_COMMAND',
    });
  });
});
