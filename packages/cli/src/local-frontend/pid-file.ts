import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { OnePaths } from '@onekit/core';
import { readTextIfExists, writeFileAtomic } from '@onekit/core';

// Where `onekit start` records the pid of the daemon it started, so that `onekit stop`
// and `onekit daemon status` find it from another shell.

export function pidFilePath(paths: OnePaths): string {
  return join(paths.run, 'onekit-daemon.pid');
}

export async function writePidFile(paths: OnePaths, pid: number): Promise<void> {
  await writeFileAtomic(pidFilePath(paths), `${pid}\n`);
}

/** The recorded pid, or undefined when there is no (readable) record. */
export async function readPidFile(paths: OnePaths): Promise<number | undefined> {
  const text = await readTextIfExists(pidFilePath(paths));
  if (text === undefined) return undefined;
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

export async function removePidFile(paths: OnePaths): Promise<void> {
  await rm(pidFilePath(paths), { force: true });
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The daemon of this root, if it runs: the recorded pid is alive and is the one holding
 * the daemon's lock file (so a pid reused by another program is not taken for it).
 */
export async function runningDaemonPid(paths: OnePaths): Promise<number | undefined> {
  const pid = await readPidFile(paths);
  if (pid === undefined || !processExists(pid)) return undefined;
  const lock = await readTextIfExists(paths.lock);
  if (lock === undefined) return undefined;
  return Number(lock.trim()) === pid ? pid : undefined;
}
