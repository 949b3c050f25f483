// A lab for a benchmark: `onekit lab up` run as a user runs it (the built executable, in a
// fresh directory, on a loopback /24 of its own so that its fixed ports meet no other
// daemons), timed as a whole; stopped and removed (`lab down --purge`) when the benchmark
// is done with it. Also the timed run of any of the built executables.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabUpResult } from '../../packages/cli/src/lab/index.js';

/** A built executable of the CLI package: `onekit`, `onezone`, `onedb`... */
export function cliBin(name: string): string {
  return fileURLToPath(new URL(`../../packages/cli/bin/${name}.js`, import.meta.url));
}

export interface TimedRun {
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <bin> <args>` and times it; rejects with the end of its stderr unless it exits 0. */
export function runTimed(
  bin: string,
  args: readonly string[],
  o: { env?: Record<string, string> } = {},
): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [bin, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(o.env ? { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...o.env } } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (status) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const name = `${path.basename(bin, '.js')} ${args.slice(0, 2).join(' ')}`;
      if (status !== 0) reject(new Error(`${name} exited ${status}:\n${stderr.slice(-4000)}`));
      else resolve({ ms, stdout, stderr });
    });
  });
}

export interface BenchLab {
  readonly dir: string;
  /** Wall time of `onekit lab up`. */
  readonly upMs: number;
  readonly result: LabUpResult;
}

/** Builds a lab of `zones` × `servers`, hands it to `use`, and always removes it. */
export async function withLab<T>(
  o: { zones: number; servers: number },
  use: (lab: BenchLab) => Promise<T>,
): Promise<T> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'onekit-bench-lab-'));
  const dir = path.join(scratch, 'lab');
  const address = `127.0.${100 + Math.floor(Math.random() * 150)}.1`;
  const onekit = cliBin('onekit');
  try {
    const up = await runTimed(onekit, [
      'lab',
      'up',
      '--zones',
      String(o.zones),
      '--servers',
      String(o.servers),
      '--dir',
      dir,
      '--address',
      address,
      '--json',
    ]);
    return await use({ dir, upMs: up.ms, result: JSON.parse(up.stdout) as LabUpResult });
  } finally {
    spawnSync(process.execPath, [onekit, 'lab', 'down', '--purge', '--dir', dir], {
      stdio: 'ignore',
    });
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Seconds, one decimal: how the lab figures show a wall time. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
