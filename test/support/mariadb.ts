// A scratch MariaDB server for tests: its own data directory under the system temp dir,
// its own free port on 127.0.0.1, started as a direct child process and never the system
// service. One server per test process, started on first use and shared by every suite
// (each suite picks its own database name); stop() ends it, and so does process exit.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';

export interface ScratchMariaDb {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The server's process, as a benchmark measures its CPU. */
  readonly pid: number;
  stop(): Promise<void>;
}

const START_DEADLINE_MS = 60_000;
const STOP_DEADLINE_MS = 30_000;
const READY = /ready for connections/;

// The server binaries live in /usr/sbin, which a non-login PATH may lack.
const env = {
  ...process.env,
  PATH: [process.env.PATH, '/usr/sbin', '/usr/bin'].filter(Boolean).join(delimiter),
};

let shared: Promise<ScratchMariaDb> | undefined;

/** Starts the shared scratch server, or returns the one already running. */
export function startMariaDb(): Promise<ScratchMariaDb> {
  shared ??= launch().catch((err: unknown) => {
    shared = undefined;
    throw err;
  });
  return shared;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Resolves when the server logs that it accepts connections; rejects if it exits first. */
function waitUntilReady(child: ChildProcess, log: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error('mariadbd did not become ready in time')),
      START_DEADLINE_MS,
    );
    const onData = (chunk: Buffer): void => {
      if (READY.test(chunk.toString())) finish();
    };
    const onExit = (code: number | null): void => fail(new Error(`mariadbd exited with ${code}`));
    function cleanup(): void {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    }
    function finish(): void {
      cleanup();
      resolve();
    }
    function fail(err: Error): void {
      cleanup();
      reject(new Error(`${err.message}\n${log.join('')}`));
    }
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function launch(): Promise<ScratchMariaDb> {
  const dir = mkdtempSync(join(tmpdir(), 'onekit-mariadb-'));
  const datadir = join(dir, 'data');
  const socketPath = join(dir, 'sock');
  await promisify(execFile)(
    'mariadb-install-db',
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      '--user=root',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { env },
  );
  const port = await freePort();
  const child = spawn(
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      '--user=root',
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${socketPath}`,
      `--pid-file=${join(dir, 'pid')}`,
      '--skip-log-bin',
      '--skip-name-resolve',
      // The server default, stated because durability tests rely on it.
      '--innodb-flush-log-at-trx-commit=1',
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  // Keep the last lines of the server log for error messages (and keep the pipe drained).
  const log: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 50) log.shift();
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);

  try {
    await waitUntilReady(child, log);
    const password = randomBytes(12).toString('hex');
    const root = await mysql.createConnection({ socketPath, user: 'root' });
    try {
      await root.query(`CREATE USER 'onekit'@'%' IDENTIFIED BY '${password}'`);
      await root.query(`GRANT ALL PRIVILEGES ON *.* TO 'onekit'@'%' WITH GRANT OPTION`);
    } finally {
      await root.end();
    }
    // A forgotten stop() must not keep the test process alive: exit kills the server.
    child.unref();
    (child.stderr as Socket).unref();
    return {
      host: '127.0.0.1',
      port,
      user: 'onekit',
      password,
      pid: child.pid!,
      async stop() {
        shared = undefined;
        process.off('exit', killOnExit);
        child.ref();
        child.kill('SIGTERM');
        await waitForExit(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    process.off('exit', killOnExit);
    killOnExit();
    throw err;
  }
}
