// Runs many simulation seeds and prints the first failure with its trace tail.
//   npm run test:sim -- --seeds N [--seed S] [--servers 3|5] [--ticks T]
// --seed alone replays that one seed; with --seeds it is the first of N.
import { parseArgs } from 'node:util';
import { runSimulation } from './run-seed.js';
import { BASE_SEED, TICKS_PER_SEED, describeFailure } from './settings.js';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string' },
    seed: { type: 'string' },
    servers: { type: 'string' },
    ticks: { type: 'string' },
  },
});

const integer = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
};

const count = integer('seeds', values.seeds, values.seed === undefined ? 1000 : 1);
const first = integer('seed', values.seed, BASE_SEED);
const ticks = integer('ticks', values.ticks, TICKS_PER_SEED);
const sizes = values.servers === undefined ? [3, 5] : [integer('servers', values.servers, 3)];

let failed = false;
for (const servers of sizes) {
  const started = process.hrtime.bigint();
  let applied = 0n;
  let passed = 0;
  const totals = new Map<string, number>();
  for (let seed = first; seed < first + count && !failed; seed++) {
    const result = runSimulation({ seed, servers, ticks });
    if (result.violation) {
      console.error(describeFailure(result, ticks));
      failed = true;
    } else {
      passed++;
      applied += result.stats.applied;
      for (const [what, n] of result.stats.counts) totals.set(what, (totals.get(what) ?? 0) + n);
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    `${servers} servers: ${passed}/${count} seeds from ${first} passed, ` +
      `${passed ? applied / BigInt(passed) : 0n} entries applied per seed, ${ms.toFixed(0)} ms`,
  );
  console.log(`  totals: ${[...totals].map(([what, n]) => `${what} ${n}`).join(', ')}`);
  if (failed) break;
}
process.exitCode = failed ? 1 : 0;
