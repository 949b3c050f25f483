// Measuring on a noisy machine: many runs, medians, and every figure beside a baseline
// measured in the same run. Nothing here asserts a time.
import { spawnSync } from 'node:child_process';

export interface Figure {
  bench: string;
  case: string;
  value: string;
  baseline: string;
  ratio: string;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** Wall time of a command in milliseconds, one sample per run. */
export function timeCommand(
  cmd: string,
  args: string[],
  runs: number,
  env = process.env,
): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { env, stdio: 'ignore' });
    const t1 = process.hrtime.bigint();
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    samples.push(Number(t1 - t0) / 1e6);
  }
  return samples;
}

/** Runs `fn` repeatedly for about `ms` milliseconds; returns operations per second. */
export function opsPerSecond(fn: () => void, ms = 1000): number {
  for (let i = 0; i < 3; i++) fn(); // warm-up
  let n = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(ms) * 1_000_000n;
  let elapsed = 0n;
  do {
    fn();
    n++;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < limit);
  return n / (Number(elapsed) / 1e9);
}

export function printTable(figures: Figure[]): void {
  const cols: (keyof Figure)[] = ['bench', 'case', 'value', 'baseline', 'ratio'];
  const widths = cols.map((c) => Math.max(c.length, ...figures.map((f) => f[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(cols.map((c) => c.toUpperCase())));
  for (const f of figures) console.log(line(cols.map((c) => f[c])));
}

export const fmt = {
  ms: (v: number) => `${v.toFixed(1)} ms`,
  rate: (v: number, unit: string) => `${v >= 100 ? v.toFixed(0) : v.toFixed(2)} ${unit}`,
  ratio: (v: number) => `${v.toFixed(2)}x`,
};
