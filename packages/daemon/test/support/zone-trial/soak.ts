// A longer trial of the zone's safety than the test suite runs:
//   npm run test:ha-soak -- --seconds N [--servers 3|5] [--backend sqlite|mysql] [--seed S]
// Runs every zone size and backend (or the ones given) for N seconds each and prints what
// happened; a problem prints the seed and the history file, and the exit status is 1.
import { parseArgs } from 'node:util';
import { runTrial } from './trial.js';
import type { Backend } from './trial-databases.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    servers: { type: 'string' },
    backend: { type: 'string' },
    seed: { type: 'string' },
    clients: { type: 'string' },
  },
});

const number = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
};

const seconds = number('seconds', values.seconds);
const sizes = values.servers ? [number('servers', values.servers)] : [3, 5];
const backends: Backend[] = values.backend ? [values.backend as Backend] : ['sqlite', 'mysql'];
for (const b of backends)
  if (b !== 'sqlite' && b !== 'mysql') throw new Error(`--backend ${b}: sqlite or mysql`);
const seed = values.seed ? number('seed', values.seed) : Math.floor(Math.random() * 2 ** 31);
const clients = values.clients ? number('clients', values.clients) : undefined;

let failed = false;
for (const servers of sizes) {
  for (const backend of backends) {
    const log = (line: string) => console.log(`[${servers} on ${backend}] ${line}`);
    const report = await runTrial({
      servers,
      backend,
      seconds,
      seed,
      progress: log,
      ...(clients && { clients }),
    });
    const s = report.stats;
    log(
      `writes ${s.writes.ok} ok / ${s.writes.fail} failed / ${s.writes.unknown} unknown, ` +
        `adds ${s.adds.ok}/${s.adds.fail}/${s.adds.unknown}, ${s.leaderReads} leader reads, ` +
        `${s.laggingReads} other reads, ${s.faults} fault events`,
    );
    if (report.problems.length > 0) {
      failed = true;
      for (const p of report.problems) log(`PROBLEM ${p}`);
      log(`seed ${report.seed}; history in ${report.historyFile}`);
    }
  }
}
process.exit(failed ? 1 : 0);
