// Thousands of seeded runs of 3 and 5 servers under crashes, partitions and a lossy
// network, each checked for Raft's safety properties at every step and for liveness at
// the end. RAFT_SEED=<n> [RAFT_SERVERS=3|5] replays one seed.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { runSimulation } from './run-seed.js';
import { BASE_SEED, TICKS_PER_SEED, describeFailure } from './settings.js';

/** Seeds per server count, calibrated to keep the file well under a minute on one core. */
const plan = [
  { servers: 3, seeds: 1600 },
  { servers: 5, seeds: 1000 },
];
const batch = 400;

function check(seed: number, servers: number): void {
  const result = runSimulation({ seed, servers, ticks: TICKS_PER_SEED });
  if (result.violation) assert.fail(describeFailure(result));
  assert.ok(result.stats.applied > 0n, `seed ${seed} applied nothing`);
}

describe('raft/simulation', function () {
  this.timeout(60_000);
  const replay = process.env.RAFT_SEED;
  if (replay !== undefined) {
    const seed = Number(replay);
    const sizes = process.env.RAFT_SERVERS ? [Number(process.env.RAFT_SERVERS)] : [3, 5];
    for (const servers of sizes) {
      it(`replays seed ${seed} with ${servers} servers`, () => check(seed, servers));
    }
    return;
  }
  for (const { servers, seeds } of plan) {
    for (let first = BASE_SEED; first < BASE_SEED + seeds; first += batch) {
      const last = Math.min(first + batch, BASE_SEED + seeds) - 1;
      it(`${servers} servers stay safe and live, seeds ${first}..${last}`, () => {
        for (let seed = first; seed <= last; seed++) check(seed, servers);
      });
    }
  }
});
