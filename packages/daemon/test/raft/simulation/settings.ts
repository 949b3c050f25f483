// Shared by the mocha suite and the runner, so that a seed means the same run in both.
import type { SimulationResult } from './run-seed.js';

/** Seeds are BASE_SEED, BASE_SEED + 1, ...: a run is reproducible. */
export const BASE_SEED = 0x5eed;
/** Length of the random phase of each run, in ticks. */
export const TICKS_PER_SEED = 300;

export function describeFailure(r: SimulationResult, ticks = TICKS_PER_SEED): string {
  const replayTicks = ticks === TICKS_PER_SEED ? '' : ` --ticks ${ticks}`;
  return [
    `Raft simulation failed: seed ${r.seed}, ${r.servers} servers, after ${r.stats.ticks} ticks`,
    `  ${r.violation?.message ?? 'no violation'}`,
    `replay: npm run test:sim -- --seed ${r.seed} --servers ${r.servers}${replayTicks}`,
    `    or (in packages/daemon): RAFT_SEED=${r.seed} RAFT_SERVERS=${r.servers} ` +
      'npx mocha --no-config -n import=tsx/esm test/raft/simulation/simulation.test.ts',
    `last ${r.trace.length} events:`,
    ...r.trace.map((line) => `  ${line}`),
  ].join('\n');
}
