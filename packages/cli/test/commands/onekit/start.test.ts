import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, randomLoopbackAddress } from '../../../../daemon/test/support/daemon-root.js';
import { processExists } from '../../../src/local-frontend/index.js';
import { cliDir, runBin } from '../../process/run-bin.js';

// `onekit start` / `stop` / `daemon status` as processes, each in a temporary location on
// its own loopback address.

const deadlineMs = 30_000;

/** Resolves when `check` holds; fails after the deadline. */
async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function exportsOf(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout
      .trimEnd()
      .split('\n')
      .map((line) => /^export (\w+)=(.*)$/.exec(line)!.slice(1, 3) as [string, string]),
  );
}

describe('commands/onekit start and stop (processes)', function () {
  this.timeout(120_000);
  let dir: string;
  let address: string;
  let port: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-start-'));
    address = randomLoopbackAddress();
    port = await freePort(address);
  });
  afterEach(async () => {
    // Whatever a failed test left running.
    await runBin('onekit', ['stop', '--location', join(dir, '.onekit')], { cwd: dir });
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a root, starts detached, serves onezone list, reuses the root, stops', async () => {
    const env = { HOME: dir };
    const flags = ['--address', address, '--port', String(port)];
    const started = await runBin('onekit', ['start', '--detach', ...flags], { cwd: dir, env });
    assert.equal(started.status, 0, started.stderr);
    const location = join(dir, '.onekit');
    const oneAuth = join(location, 'var', '.one', 'one_auth');
    assert.deepEqual(exportsOf(started.stdout), {
      ONE_XMLRPC: `http://${address}:${port}/RPC2`,
      ONE_AUTH: oneAuth,
    });
    assert.match(started.stderr, /Creating .*oned\.conf/);
    assert.equal(statSync(oneAuth).mode & 0o777, 0o600);
    const credentials = readFileSync(oneAuth, 'utf8');
    assert.match(credentials, /^oneadmin:[0-9a-f]{64}\n$/);
    assert.match(
      readFileSync(join(location, 'etc', 'oned.conf'), 'utf8'),
      new RegExp(`^PORT = ${port}$`, 'm'),
    );

    const list = await runBin('onezone', ['list', '--csv', '-l', 'ID,NAME,ENDPOINT'], {
      env: { HOME: dir, ...exportsOf(started.stdout) },
    });
    assert.equal(list.stdout, `ID,NAME,ENDPOINT\n0,OpenNebula,http://${address}:${port}/RPC2\n`);

    const status = await runBin('onekit', ['daemon', 'status', '--json'], { cwd: dir, env });
    const running = JSON.parse(status.stdout);
    assert.deepEqual(
      { ...running, pid: typeof running.pid },
      {
        location,
        running: true,
        pid: 'number',
        endpoint: `http://${address}:${port}/RPC2`,
        oneAuth,
      },
    );

    const twice = await runBin('onekit', ['start', '--detach', '--json'], { cwd: dir, env });
    assert.equal(twice.status, 1);
    assert.equal(JSON.parse(twice.stderr).error.code, 'DAEMON_START');

    const stopped = await runBin('onekit', ['stop'], { cwd: dir, env });
    assert.deepEqual(stopped, {
      status: 0,
      stdout: `onekit-daemon (pid ${running.pid}) stopped\n`,
      stderr: '',
    });
    assert.equal(processExists(running.pid), false);
    assert.equal(
      (await runBin('onekit', ['daemon', 'status'], { cwd: dir, env })).stdout,
      `${location}: onekit-daemon not running, endpoint http://${address}:${port}/RPC2\n`,
    );

    // The same root again: same credentials, same database (the zone is still there).
    const again = await runBin('onekit', ['daemon', 'start', '--location', location], { env });
    assert.equal(again.status, 0, again.stderr);
    assert.equal(readFileSync(oneAuth, 'utf8'), credentials);
    const show = await runBin('onezone', ['show', '0', '--json'], {
      env: { HOME: dir, ...exportsOf(started.stdout) },
    });
    assert.equal(JSON.parse(show.stdout).ZONE.NAME, 'OpenNebula');
    assert.equal((await runBin('onekit', ['daemon', 'stop', '--location', location])).status, 0);
  });

  it('refuses other flags for an existing root and says so', async () => {
    const location = join(dir, 'root');
    const first = await runBin('onekit', [
      'start',
      '--detach',
      '--location',
      location,
      '--address',
      address,
      '--port',
      String(port),
    ]);
    assert.equal(first.status, 0, first.stderr);
    const other = await runBin('onekit', [
      'start',
      '--detach',
      '--location',
      location,
      '--port',
      '1',
      '--json',
    ]);
    assert.equal(other.status, 1);
    assert.deepEqual(JSON.parse(other.stderr).error.where, { field: 'port' });
    assert.equal((await runBin('onekit', ['stop', '--location', location])).status, 0);
  });

  it('runs in the foreground until SIGTERM, then stops the daemon', async () => {
    const location = join(dir, 'fg');
    const child = spawn(
      process.execPath,
      [
        join(cliDir, 'bin', 'onekit.js'),
        'start',
        '--location',
        location,
        '--address',
        address,
        '--port',
        String(port),
      ],
      { env: { PATH: process.env['PATH'] ?? '', HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    await until(() => stdout.includes('export ONE_AUTH='), 'the export lines');
    assert.equal(exportsOf(stdout)['ONE_XMLRPC'], `http://${address}:${port}/RPC2`);

    const status = JSON.parse(
      (await runBin('onekit', ['daemon', 'status', '--location', location, '--json'])).stdout,
    );
    assert.equal(status.running, true);
    const list = await runBin('onezone', ['list', '-l', 'ID', '--no-header'], {
      env: { HOME: dir, ...exportsOf(stdout) },
    });
    assert.equal(list.stdout, '   0\n');

    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    assert.match(stderr, /Stopping onekit-daemon: done/);
    assert.equal(processExists(status.pid), false);
    const after = JSON.parse(
      (await runBin('onekit', ['daemon', 'status', '--location', location, '--json'])).stdout,
    );
    assert.equal(after.running, false);
  });
});
