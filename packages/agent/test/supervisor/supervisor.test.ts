import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ServiceDefinition } from '../../src/config/index.js';
import { Supervisor, type RestartPolicy } from '../../src/supervisor/index.js';
import { until } from '../support/until.js';

const node = (script: string, env: Record<string, string> = {}): ServiceDefinition => ({
  command: process.execPath,
  args: ['-e', script],
  env,
});

const services = {
  sleeper: node('console.log("up", process.env.GREETING); setInterval(() => {}, 1 << 30);', {
    GREETING: 'hello',
  }),
  stubborn: node(
    'process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1 << 30);',
  ),
  crasher: node('process.exit(3)'),
  missing: { command: '/nonexistent/bin/daemon', args: [], env: {} },
};

/** Running: a process that exists and is not a zombie its parent has yet to reap. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('supervisor/supervisor', () => {
  let dir: string;
  let reports: string[];
  const supervisors: Supervisor[] = [];

  const supervisor = (o: { restart?: RestartPolicy; stopGraceMs?: number } = {}) => {
    const made = new Supervisor({
      services,
      runDir: path.join(dir, 'run'),
      logDir: path.join(dir, 'log'),
      env: { PATH: process.env.PATH },
      stopGraceMs: o.stopGraceMs ?? 5_000,
      ...(o.restart ? { restart: o.restart } : {}),
      monotonic: () => performance.now(),
      report: (line) => reports.push(line),
    });
    supervisors.push(made);
    return made;
  };
  const pidFile = (name: string) => path.join(dir, 'run', `${name}.pid`);
  const pidInFile = async (name: string) => Number((await readFile(pidFile(name), 'utf8')).trim());

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'onekit-supervisor-'));
    reports = [];
  });
  afterEach(async () => {
    for (const made of supervisors.splice(0)) {
      for (const name of Object.keys(services)) {
        if (name !== 'missing') await made.run('stop', name);
      }
      await made.shutdown();
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('starts a service in its own process group, with its env, output to its log', async () => {
    const s = supervisor();
    const started = await s.run('start', 'sleeper');
    assert.deepEqual(started, {
      service: 'sleeper',
      action: 'start',
      active: true,
      manager: 'supervisor',
    });
    const pid = await pidInFile('sleeper');
    assert.equal(await s.pid('sleeper'), pid);
    assert.doesNotThrow(() => process.kill(-pid, 0), 'the service leads a process group');
    await until(
      async () =>
        (await readFile(path.join(dir, 'log', 'sleeper.log'), 'utf8')).includes('up hello'),
      {
        what: 'the service output in its log',
      },
    );
    assert.equal((await s.run('start', 'sleeper')).active, true);
    assert.equal(await pidInFile('sleeper'), pid, 'a second start leaves it running');
    assert.equal((await s.run('status', 'sleeper')).active, true);
  });

  it('stops with SIGTERM and removes the pid file', async () => {
    const s = supervisor();
    await s.run('start', 'sleeper');
    const pid = await pidInFile('sleeper');
    assert.equal((await s.run('stop', 'sleeper')).active, false);
    assert.equal(alive(pid), false);
    await assert.rejects(readFile(pidFile('sleeper')), { code: 'ENOENT' });
    assert.equal((await s.run('stop', 'sleeper')).active, false, 'stopping twice is fine');
  });

  it('kills a service that ignores SIGTERM after the grace period', async () => {
    const s = supervisor({ stopGraceMs: 300 });
    await s.run('start', 'stubborn');
    const pid = await pidInFile('stubborn');
    await until(async () =>
      (await readFile(path.join(dir, 'log', 'stubborn.log'), 'utf8')).includes('ready'),
    );
    assert.equal((await s.run('stop', 'stubborn')).active, false);
    assert.equal(alive(pid), false);
  });

  it('restarts a running service; try-restart leaves a stopped one stopped', async () => {
    const s = supervisor();
    assert.equal((await s.run('try-restart', 'sleeper')).active, false);
    await assert.rejects(readFile(pidFile('sleeper')), { code: 'ENOENT' });
    await s.run('start', 'sleeper');
    const first = await pidInFile('sleeper');
    assert.equal((await s.run('restart', 'sleeper')).active, true);
    const second = await pidInFile('sleeper');
    assert.notEqual(second, first);
    assert.equal(alive(first), false);
    assert.equal((await s.run('try-restart', 'sleeper')).active, true);
    assert.notEqual(await pidInFile('sleeper'), second);
  });

  it('restart starts a stopped service', async () => {
    const s = supervisor();
    assert.equal((await s.run('restart', 'sleeper')).active, true);
  });

  it('restarts a service that exits on its own, after a delay', async () => {
    const s = supervisor({
      restart: { initialDelayMs: 50, maxDelayMs: 200, healthyAfterMs: 60_000, maxRestarts: 5 },
    });
    await s.run('start', 'sleeper');
    const first = await pidInFile('sleeper');
    process.kill(first, 'SIGKILL');
    const second = await until(
      async () => {
        const pid = await s.pid('sleeper');
        return pid !== undefined && pid !== first ? pid : undefined;
      },
      { what: 'the restarted service' },
    );
    assert.equal(await pidInFile('sleeper'), second, reports.join('\n'));
    assert.match(reports.join('\n'), /sleeper exited \(SIGKILL\); restarting it in 50 ms/);
  });

  it('gives up on a service that keeps crashing', async () => {
    const s = supervisor({
      restart: { initialDelayMs: 10, maxDelayMs: 40, healthyAfterMs: 60_000, maxRestarts: 2 },
    });
    await s.run('start', 'crasher');
    await until(() => reports.some((line) => line.includes('not restarting')), {
      what: 'giving up',
    });
    assert.deepEqual(
      reports.map((line) => line.replace(/\d+ ms/, 'N ms')),
      [
        'crasher exited (3); restarting it in N ms',
        'crasher exited (3); restarting it in N ms',
        'crasher exited (3) 3 times in a row; not restarting it',
      ],
    );
    assert.equal((await s.run('status', 'crasher')).active, false);
  });

  it('acts on a service another agent process started, through its pid file', async () => {
    await supervisor().run('start', 'sleeper');
    const pid = await pidInFile('sleeper');
    const other = supervisor();
    assert.equal((await other.run('status', 'sleeper')).active, true);
    assert.equal((await other.run('stop', 'sleeper')).active, false);
    assert.equal(alive(pid), false);
  });

  it('stops the services it runs on shutdown', async () => {
    const s = supervisor({
      restart: { initialDelayMs: 10, maxDelayMs: 10, healthyAfterMs: 1, maxRestarts: 1 },
    });
    await s.run('start', 'sleeper');
    const pid = await pidInFile('sleeper');
    await s.shutdown();
    assert.equal(alive(pid), false);
    assert.deepEqual(reports, [], 'a stop is not a crash');
  });

  it('refuses unknown services and reports one that cannot start', async () => {
    const s = supervisor();
    await assert.rejects(s.run('start', 'ghost'), {
      code: 'SERVICE_ACTION',
      where: { field: 'ghost' },
    });
    await assert.rejects(s.run('start', 'missing'), {
      code: 'SERVICE_ACTION',
      where: { field: 'missing' },
    });
    assert.equal((await s.run('status', 'missing')).active, false);
  });
});
