// Whether a supervised service's process runs: it exists, is not a zombie, and leads its
// own process group as the supervisor started it. A service left behind by a one-shot
// agent run is reparented, and an init that reaps lazily keeps it as a zombie for a while;
// the group check keeps a stale pid file whose number was reused from naming a stranger.
import { existsSync, readFileSync } from 'node:fs';

interface ProcStat {
  readonly state: string;
  readonly pgrp: number;
}

function procStat(pid: number): ProcStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  // "<pid> (<comm>) <state> <ppid> <pgrp> ...": comm may hold spaces and parentheses.
  const [state = '', , pgrp = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, pgrp: Number(pgrp) };
}

export function isServiceProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
  }
  const stat = procStat(pid);
  // Without /proc, kill(0) is all there is to go by; with it, a missing entry means the
  // process ended in between.
  if (stat === undefined) return !existsSync('/proc/self');
  return stat.state !== 'Z' && stat.pgrp === pid;
}

/** Sends `signal` to the process group a supervised service leads (and so to its children). */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}
