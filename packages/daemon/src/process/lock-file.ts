// oned's lock file: present while the daemon runs, holding its pid. It is created with
// O_EXCL, so of two daemons started together exactly one gets it. A lock left by a dead
// process (a crash, a kill -9) is taken over; a live one refuses the start, which is also
// how onedb knows it must not touch the database.
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { OneKitError } from '@onekit/core';

export interface LockFileOptions {
  readonly path: string;
  /** This process's pid, written into the file. */
  readonly pid: number;
  /** Whether a process with this pid exists (signal 0 succeeds or is refused with EPERM). */
  readonly isAlive: (pid: number) => boolean;
  /** Told when a stale lock is taken over. */
  readonly onTakeover?: (stalePid: number) => void;
}

export interface HeldLock {
  readonly path: string;
  /** Removes the file if it still holds our pid. */
  release(): void;
}

function lockError(path: string): OneKitError {
  return new OneKitError('DAEMON_START', `Lock file found: ${path}`, { file: path });
}

function readPid(path: string): number | undefined | 'absent' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw err;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function createExclusive(path: string, pid: number): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new OneKitError(
      'DAEMON_START',
      `cannot create the lock file ${path}`,
      { file: path },
      { cause: err },
    );
  }
  try {
    writeSync(fd, `${pid}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock or throws LOCKED ("Lock file found: <path>"). A file whose pid is dead
 * (or is our own pid, left by an earlier life of this pid) is stale and replaced; a file
 * without a readable pid may belong to a daemon that is still writing it, so it refuses.
 */
export function acquireLock(options: LockFileOptions): HeldLock {
  const { path, pid, isAlive } = options;
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  // Two rounds: a stale lock removed in the first is retaken in the second, unless another
  // daemon took it in between, which refuses.
  for (let round = 0; round < 2; round++) {
    if (createExclusive(path, pid)) return heldLock(path, pid);
    const holder = readPid(path);
    if (holder === 'absent') continue;
    if (holder === undefined || (holder !== pid && isAlive(holder))) throw lockError(path);
    options.onTakeover?.(holder);
    try {
      unlinkSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  throw lockError(path);
}

function heldLock(path: string, pid: number): HeldLock {
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      if (readPid(path) === pid) unlinkSync(path);
    },
  };
}

/** process.kill(pid, 0): the usual liveness probe; EPERM means it exists under another user. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
