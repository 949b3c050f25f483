// CPU time used by running processes (user + system, from /proc/<pid>/stat on Linux), to
// tell where a workload's CPU goes: a figure per operation beside the baseline's.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ). */
const TICKS_PER_SECOND = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The CPU time `pid` has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name, which is in parentheses and may hold anything.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime] = [fields[11], fields[12]].map(Number);
  return ((utime! + stime!) * 1000) / TICKS_PER_SECOND;
}

/** Runs `work` and tells the CPU time each of `pids` used meanwhile, in milliseconds. */
export async function cpuDuring<T>(
  pids: readonly number[],
  work: () => Promise<T>,
): Promise<{ result: T; cpu: number[] }> {
  const before = pids.map(cpuMs);
  const result = await work();
  return { result, cpu: pids.map((pid, i) => cpuMs(pid) - before[i]!) };
}
