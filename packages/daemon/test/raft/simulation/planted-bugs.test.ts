// The checker must be able to fail: with a bug planted on purpose, some early seed has to
// report the violation that bug causes, with the seed and the trace in the message.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { ViolationKind } from './checker.js';
import { runSimulation, type Rates, type SimulationResult } from './run-seed.js';
import { describeFailure } from './settings.js';
import type { PlantedFaults } from './world.js';

function firstViolation(
  o: { faults: PlantedFaults; servers: number; rates?: Partial<Rates> },
  accept: (kind: ViolationKind) => boolean,
): SimulationResult | undefined {
  for (let seed = 1; seed <= 100; seed++) {
    const result = runSimulation({ seed, ticks: 300, ...o });
    if (result.violation && accept(result.violation.kind)) return result;
  }
  return undefined;
}

describe('raft/simulation with planted bugs', function () {
  this.timeout(60_000);
  for (const servers of [3, 5]) {
    it(`servers that grant every vote elect two leaders in one term (${servers} servers)`, () => {
      const found = firstViolation(
        { faults: { grantEveryVote: true }, servers },
        (k) => k === 'election-safety',
      );
      assert.ok(found, 'no seed found the planted bug');
      const report = describeFailure(found);
      assert.match(report, new RegExp(`seed ${found.seed}, ${servers} servers`));
      assert.match(report, /election-safety: #\d+ and #\d+ both lead term \d+/);
      assert.ok(found.trace.length > 0 && found.trace.length <= 50);
      assert.match(report, /vote-response t\d+ granted/, 'the trace shows the votes');
    });
  }

  for (const servers of [3, 5]) {
    it(`a disk that loses acknowledged entries in a crash loses committed entries (${servers} servers)`, () => {
      const found = firstViolation(
        { faults: { loseUnappliedOnCrash: true }, servers, rates: { crash: 0.05, restart: 0.2 } },
        (k) => k !== 'liveness',
      );
      assert.ok(found, 'no seed found the planted bug');
      assert.match(
        found.violation?.kind ?? '',
        /leader-completeness|state-machine-safety|log-matching/,
      );
    });
  }

  for (const servers of [3, 5]) {
    it(`servers that answer before they persist lose committed entries in a crash (${servers} servers)`, () => {
      const found = firstViolation(
        {
          faults: { answerBeforePersist: true },
          servers,
          rates: { crashMidReady: 0.2, restart: 0.2 },
        },
        (k) => k !== 'liveness',
      );
      assert.ok(found, 'no seed found the planted bug');
      assert.match(
        found.violation?.kind ?? '',
        /leader-completeness|state-machine-safety|log-matching|election-safety/,
      );
    });
  }
});
