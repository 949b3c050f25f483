import assert from 'node:assert/strict';
import { mkdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AgentRoot, TEST_SERVICE } from '../support/agent-root.js';
import { until } from '../support/until.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('process/once (onekit-agent once)', () => {
  let root: AgentRoot;
  before(async () => {
    root = await AgentRoot.create();
  });
  after(() => root.remove());

  it('answers one request on stdout and exits 0', async () => {
    const etc = root.paths.etc;
    await writeFile(path.join(etc, 'oned.conf'), 'PORT = 2633\n', { mode: 0o640 });
    const listed = await root.once({ op: 'list-files', params: { root: etc } });
    assert.equal(listed.code, 0);
    const response = listed.response as { ok: true; result: Array<{ path: string }> };
    assert.equal(response.ok, true);
    assert.deepEqual(
      response.result.map((f) => f.path),
      ['oned.conf', 'onekit-agent.yaml'],
    );
    const read = await root.once({ op: 'read-file', params: { path: `${etc}/oned.conf` } });
    assert.deepEqual(read.response, { ok: true, result: { content: b64('PORT = 2633\n') } });
    const paths = await root.once({ op: 'paths' });
    assert.deepEqual(paths.response, {
      ok: true,
      result: {
        etc,
        var: root.paths.var,
        log: root.paths.log,
        remotes: root.paths.remotes,
      },
    });
  });

  it('writes atomically with a backup, and removes', async () => {
    const file = `${root.paths.etc}/monitord.conf`;
    const backupDir = `${root.paths.var}/backups/serversync/once`;
    await writeFile(file, 'OLD');
    const written = await root.once({
      op: 'write-file',
      params: { path: file, content: b64('NEW'), mode: 0o600, backupDir },
    });
    assert.equal(written.code, 0, written.stdout);
    const { backup } = (written.response as { result: { backup: string } }).result;
    assert.equal(path.dirname(backup), backupDir);
    assert.equal(await readFile(backup, 'utf8'), 'OLD');
    assert.equal(await readFile(file, 'utf8'), 'NEW');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const removed = await root.once({ op: 'remove-file', params: { path: file, backupDir } });
    assert.equal(removed.code, 0);
    assert.equal(
      await readFile((removed.response as { result: { backup: string } }).result.backup, 'utf8'),
      'NEW',
    );
  });

  it('refuses traversal and links out of the root, exiting 1', async () => {
    const outside = path.join(root.dir, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(path.join(outside, 'secret'), 'no');
    await symlink(outside, path.join(root.paths.etc, 'escape'));
    for (const target of [
      `${root.paths.etc}/../outside/secret`,
      `${root.paths.etc}/escape/secret`,
      '/etc/passwd',
    ]) {
      const result = await root.once({ op: 'read-file', params: { path: target } });
      assert.equal(result.code, 1);
      assert.deepEqual(result.response, {
        ok: false,
        error: {
          code: 'PATH_REFUSED',
          message: (result.response as { error: { message: string } }).error.message,
          where: { file: target },
        },
      });
    }
    const write = await root.once({
      op: 'write-file',
      params: { path: `${root.paths.etc}/escape/planted`, content: b64('x') },
    });
    assert.equal(write.code, 1);
    assert.equal(await readlink(path.join(root.paths.etc, 'escape')), outside);
    await assert.rejects(stat(path.join(outside, 'planted')), { code: 'ENOENT' });
  });

  it('refuses unknown operations, malformed and oversized requests', async () => {
    const unknown = await root.once({ op: 'shell', params: { command: 'id' } });
    assert.equal(unknown.code, 1);
    assert.deepEqual((unknown.response as { error: { where: unknown } }).error.where, {
      field: 'op',
    });
    const broken = await root.once('{"op": "paths"');
    assert.equal(broken.code, 1);
    assert.equal((broken.response as { error: { code: string } }).error.code, 'AGENT_REQUEST');
    const huge = await root.once('x'.repeat(64 * 1024 * 1024 + 1));
    assert.equal(huge.code, 1);
    assert.deepEqual((huge.response as { error: { where: unknown } }).error.where, {
      field: 'body',
    });
  });

  it('starts a service that outlives the one-shot run, and stops it in another', async () => {
    const started = await root.once({
      op: 'service',
      params: { action: 'start', name: TEST_SERVICE },
    });
    assert.deepEqual(started.response, {
      ok: true,
      result: { service: TEST_SERVICE, action: 'start', active: true, manager: 'supervisor' },
    });
    const pid = root.servicePid(TEST_SERVICE)!;
    const status = await root.once({
      op: 'service',
      params: { action: 'status', name: TEST_SERVICE },
    });
    assert.equal((status.response as { result: { active: boolean } }).result.active, true);
    const stopped = await root.once({
      op: 'service',
      params: { action: 'stop', name: TEST_SERVICE },
    });
    assert.equal((stopped.response as { result: { active: boolean } }).result.active, false);
    await until(
      () => {
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      },
      { what: 'the service to be gone' },
    );
  });

  it('backs up and restores the database through the host onedb', async () => {
    const backup = await root.once({ op: 'database-backup', params: { args: ['--federated'] } });
    assert.deepEqual(backup.response, {
      ok: true,
      result: { file: `${root.paths.var}/one.db_test.bck` },
    });
    const restore = await root.once({
      op: 'database-restore',
      params: { file: `${root.paths.var}/one.db_test.bck`, args: [] },
    });
    assert.equal(restore.code, 0);
    assert.equal(
      await readFile(`${root.paths.var}/onedb-restore.log`, 'utf8'),
      `${JSON.stringify(['-f', `${root.paths.var}/one.db_test.bck`])}\n`,
    );
    const failed = await root.once({ op: 'database-backup', params: { args: ['--fail'] } });
    assert.equal(failed.code, 1);
    assert.equal((failed.response as { error: { code: string } }).error.code, 'HOST_COMMAND');
  });

  it('logs one line per request with the SSH peer, never the content', async () => {
    const secret = 'PASSWD = "s3cr3t-value"';
    await root.once(
      { op: 'write-file', params: { path: `${root.paths.etc}/db.conf`, content: b64(secret) } },
      { env: { SSH_CLIENT: '10.1.2.3 50000 22' } },
    );
    const lines = (await readFile(root.logFile, 'utf8')).trimEnd().split('\n');
    assert.match(
      lines.at(-1)!,
      new RegExp(
        `^time=\\S+ peer=ssh:10\\.1\\.2\\.3:50000 op=write-file path=${root.paths.etc}/db\\.conf outcome=ok duration_ms=\\d+\\.\\d$`,
      ),
    );
    const log = await readFile(root.logFile, 'utf8');
    assert.ok(!log.includes('s3cr3t') && !log.includes(b64(secret)));
  });

  it('answers with a JSON error naming file, line and key when the config is wrong', async () => {
    await writeFile(root.configFile, 'service_manager: supervisor\nport: none\n');
    try {
      const result = await root.once({ op: 'paths' });
      assert.equal(result.code, 1);
      assert.deepEqual(
        (result.response as { error: { code: string; where: unknown } }).error.where,
        {
          file: root.configFile,
          line: 2,
          field: 'port',
        },
      );
    } finally {
      root.writeConfig();
    }
  });
});
