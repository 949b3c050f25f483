// The zone's safety with real processes: 3 and 5 daemons on SQLite and on MariaDB, clients
// writing and reading registers and a counter while servers are killed with SIGKILL and
// restarted, and isolated and healed. Writes and leader reads must be linearizable, reads
// that may lag must show real, forward-moving state, and all servers must end alike.
// A failure names the seed (HA_SEED=<seed> runs the same choices again) and the history
// file. `npm run test:ha-soak -- --seconds N` runs longer trials.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { runTrial } from '../support/zone-trial/trial.js';

const SECONDS = 10;
const seed = process.env.HA_SEED
  ? Number(process.env.HA_SEED)
  : Math.floor(Math.random() * 2 ** 31);

describe('ha/linearizable under kills and partitions', function () {
  this.timeout(180_000);

  for (const servers of [3, 5]) {
    for (const backend of ['sqlite', 'mysql'] as const) {
      it(`${servers} servers on ${backend === 'mysql' ? 'MariaDB' : 'SQLite'}`, async () => {
        const report = await runTrial({
          servers,
          backend,
          seconds: SECONDS,
          seed,
          atLeast: { writes: 3, leaderReads: 3, maxRounds: 4 },
        });
        assert.equal(
          report.problems.length,
          0,
          `${report.problems.join('\n')}\nseed ${seed} (HA_SEED=${seed}); history in ${report.historyFile}`,
        );
        // The trial did something worth judging.
        assert.ok(report.stats.faults >= 2, `${report.stats.faults} fault events`);
        assert.ok(report.stats.writes.ok >= 3, `${report.stats.writes.ok} acknowledged writes`);
        assert.ok(report.stats.leaderReads >= 3, `${report.stats.leaderReads} leader reads`);
      });
    }
  }
});
