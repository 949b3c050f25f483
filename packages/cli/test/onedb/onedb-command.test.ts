import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Config, Flags } from '@oclif/core';
import { before, describe, it } from 'mocha';
import type { DbConfig } from '@onekit/daemon';
import { ReportedError } from '../../src/exit/index.js';
import { testIO, type TestIOStreams } from '../../src/io/index.js';
import { OnedbCommand } from '../../src/onedb/index.js';
import { scriptedPrompter, type ScriptedPrompter } from '../../src/prompt/index.js';

/** An onedb command that returns the database its options name. */
function connectionCommand(
  io: TestIOStreams,
  prompter: ScriptedPrompter,
  env: Record<string, string>,
) {
  return class Connection extends OnedbCommand<DbConfig> {
    static override id = 'connection';
    static override flags = { status: Flags.integer({ description: 'Exit with this status.' }) };

    protected override createContext() {
      return { io, env, home: '/home/oneadmin' };
    }

    protected override get prompter() {
      return prompter;
    }

    async run(): Promise<DbConfig> {
      const { flags } = await this.parse(Connection);
      if (flags.status !== undefined) this.exitStatus = flags.status;
      return this.database(flags);
    }
  };
}

describe('onedb/onedb-command', () => {
  let config: Config;
  before(async () => {
    config = await Config.load({
      root: fileURLToPath(new URL('../..', import.meta.url)),
      userPlugins: false,
    });
  });

  async function run(
    argv: string[],
    o: { tty?: boolean; env?: Record<string, string>; answers?: Record<string, string> } = {},
  ) {
    const io = testIO({ tty: o.tty ?? false });
    const prompter = scriptedPrompter(o.answers ?? {});
    let status = 0;
    try {
      await connectionCommand(io, prompter, o.env ?? { ONE_LOCATION: '/srv/one' }).run(
        ['--json', ...argv],
        config,
      );
    } catch (err) {
      assert.ok(err instanceof ReportedError, `unexpected ${String(err)}`);
      status = err.exitStatus;
    }
    prompter.verify();
    return { status, stdout: io.stdoutText(), stderr: io.stderrText(), asked: prompter.asked };
  }

  const mysql = ['-S', 'db1', '-P', '3307', '-u', 'oneadmin', '-d', 'opennebula'];

  it('asks for the MySQL password on a terminal only', async () => {
    const asked = await run(mysql, { tty: true, answers: { 'MySQL Password:': 'typed' } });
    assert.equal(asked.status, 0, asked.stderr);
    assert.deepEqual(JSON.parse(asked.stdout), {
      backend: 'mysql',
      server: 'db1',
      port: 3307,
      user: 'oneadmin',
      passwd: 'typed',
      dbName: 'opennebula',
    });
    const piped = await run(mysql);
    assert.equal(piped.status, 255);
    assert.deepEqual(JSON.parse(piped.stderr).error.code, 'FLAG_REQUIRED');
    assert.deepEqual(JSON.parse(piped.stderr).error.where, { field: 'password' });
  });

  it('takes ONE_DB_PASSWORD, and -s and -t for SQLite', async () => {
    const fromEnv = await run(mysql, { env: { ONE_DB_PASSWORD: 'env-pw' }, tty: true });
    assert.equal(JSON.parse(fromEnv.stdout).passwd, 'env-pw');
    assert.deepEqual(JSON.parse((await run(['-s', '/tmp/x.db'])).stdout), {
      backend: 'sqlite',
      file: '/tmp/x.db',
    });
    assert.deepEqual(JSON.parse((await run(['-t', 'sqlite'])).stdout), {
      backend: 'sqlite',
      file: '/srv/one/var/one.db',
    });
  });

  it('fails with -1 (255) as oned onedb does, and keeps a status the command chose', async () => {
    const missingConf = await run([]);
    assert.equal(missingConf.status, 255);
    assert.equal(JSON.parse(missingConf.stderr).error.code, 'CONFIG_MISSING');
    const badFlag = await run(['--type', 'postgres']);
    assert.equal(badFlag.status, 255);
    const chosen = await run(['-s', '/tmp/x.db', '--status', '3']);
    assert.equal(chosen.status, 3);
    assert.equal(JSON.parse(chosen.stdout).backend, 'sqlite');
  });
});
