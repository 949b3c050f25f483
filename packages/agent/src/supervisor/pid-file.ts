// `<run>/<service>.pid`: the pid of a supervised service, so that any agent process (the
// long-running one, a one-shot run over SSH) finds what is running.
import { rm } from 'node:fs/promises';
import { OneKitError, readTextIfExists, writeFileAtomic } from '@onekit/core';

export async function readPidFile(file: string): Promise<number | undefined> {
  const text = await readTextIfExists(file);
  if (text === undefined) return undefined;
  const pid = Number(text.trim());
  if (!Number.isSafeInteger(pid) || pid <= 1) {
    throw new OneKitError('SERVICE_ACTION', `${file} does not hold a process id`, { file });
  }
  return pid;
}

export function writePidFile(file: string, pid: number): Promise<void> {
  return writeFileAtomic(file, `${pid}\n`, { mode: 0o644 });
}

export function removePidFile(file: string): Promise<void> {
  return rm(file, { force: true });
}
