import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OneKitError, readOneAuth, type Environment, type OnePaths } from '@onekit/core';
import { XmlRpcClient } from '../rpc/index.js';
import { processExists } from './pid-file.js';

// The `onekit-daemon` process of a root: started as a child of this command (attached, or
// detached in its own session with its output in a file), waited for until it answers
// one.system.version, and stopped with SIGTERM.

/** The daemon's executable, from the @onekit/daemon package beside this one. */
export function daemonExecutable(): string {
  let entry: string;
  try {
    entry = import.meta.resolve('@onekit/daemon');
  } catch (err) {
    throw new OneKitError(
      'DAEMON_START',
      'the @onekit/daemon package is not installed',
      {},
      { cause: err },
    );
  }
  return fileURLToPath(new URL('../bin/onekit-daemon.js', entry));
}

/** The file a detached daemon writes its own stdout and stderr to. */
export function daemonOutputPath(paths: OnePaths): string {
  return join(paths.log, 'onekit-daemon.out');
}

export interface SpawnDaemonOptions {
  paths: OnePaths;
  /** The environment of this command; the daemon gets it with its root's variables. */
  env: Environment;
  /** Leave it running in its own session after this command exits. */
  detach: boolean;
  /** Where an attached daemon's output goes (this command's stderr). */
  output: NodeJS.WritableStream;
}

export interface DaemonChild {
  pid: number;
  /** Resolves when the process ends, with its status or signal. */
  exited: Promise<string>;
}

export async function spawnDaemon(options: SpawnDaemonOptions): Promise<DaemonChild> {
  const { paths } = options;
  const env = {
    ...options.env,
    ONE_LOCATION: paths.location,
    // oneadmin's identity is the root's own, whatever ~/.one/one_auth holds.
    ONE_AUTH: paths.oneAuth,
  };
  const command = [daemonExecutable()];
  let child: ChildProcess;
  if (options.detach) {
    await mkdir(paths.log, { recursive: true });
    const out = openSync(daemonOutputPath(paths), 'a', 0o600);
    try {
      child = spawn(process.execPath, command, {
        env,
        detached: true,
        stdio: ['ignore', out, out],
      });
    } finally {
      // The child has its own copy of the descriptor.
      closeSync(out);
    }
  } else {
    child = spawn(process.execPath, command, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(options.output, { end: false });
    child.stderr!.pipe(options.output, { end: false });
  }
  // Listen before anything else is awaited: 'spawn' and 'error' come on the next turn.
  const spawned = new Promise<number>((resolve, reject) => {
    child.once('spawn', () => resolve(child.pid!));
    child.once('error', (err) =>
      reject(new OneKitError('DAEMON_START', `cannot run onekit-daemon: ${err.message}`, {})),
    );
  });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `status ${code}`)),
  );
  const pid = await spawned;
  if (options.detach) child.unref();
  return { pid, exited };
}

export interface WaitOptions {
  paths: OnePaths;
  endpoint: string;
  child: DaemonChild;
  /** How long the daemon may take to answer. */
  deadlineMs: number;
}

const pollMs = 100;

/**
 * Calls one.system.version with the root's oneadmin credentials until it answers, the
 * daemon exits (DAEMON_START with what it printed) or the deadline passes.
 */
export async function waitUntilAnswering(options: WaitOptions): Promise<string> {
  const auth = readOneAuth({
    env: { ONE_AUTH: options.paths.oneAuth },
    home: undefined,
    paths: options.paths,
  });
  const client = new XmlRpcClient({
    endpoint: options.endpoint,
    session: `${auth.user}:${auth.password}`,
    timeoutMs: 2_000,
  });
  let exited: string | undefined;
  void options.child.exited.then((how) => (exited = how));
  const deadline = Date.now() + options.deadlineMs;
  try {
    for (;;) {
      try {
        return await client.callText('one.system.version');
      } catch (err) {
        if (exited !== undefined) throw await exitedError(options.paths, exited, err);
        if (Date.now() >= deadline) {
          throw new OneKitError(
            'DAEMON_START',
            `onekit-daemon did not answer at ${options.endpoint} within ${options.deadlineMs / 1000} s`,
            { field: 'endpoint' },
            { cause: err },
          );
        }
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      if (exited !== undefined) throw await exitedError(options.paths, exited, undefined);
    }
  } finally {
    client.close();
  }
}

async function exitedError(paths: OnePaths, how: string, cause: unknown): Promise<OneKitError> {
  const last = await lastLines(daemonOutputPath(paths), 3);
  const detail = last ? `:\n${last}` : ` (see ${paths.onedLog})`;
  return new OneKitError('DAEMON_START', `onekit-daemon exited (${how})${detail}`, {}, { cause });
}

/** The end of a detached daemon's output; an attached one printed on this command's stderr. */
async function lastLines(file: string, count: number): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim().split('\n').slice(-count).join('\n');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

/** Sends SIGTERM and waits until the process is gone. */
export async function stopProcess(pid: number, o: { deadlineMs: number }): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return;
    throw err;
  }
  const deadline = Date.now() + o.deadlineMs;
  while (processExists(pid)) {
    if (Date.now() >= deadline) {
      throw new OneKitError(
        'DAEMON_START',
        `onekit-daemon (pid ${pid}) did not stop within ${o.deadlineMs / 1000} s`,
        {},
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
