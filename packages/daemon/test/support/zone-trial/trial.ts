// One trial of the zone's safety: a real zone of N daemons behind proxies, clients writing
// and reading registers and a counter while a nemesis kills and isolates servers; then the
// zone is healed, a leader reads everything once more, and the history is judged: writes
// and leader reads must be linearizable (no acknowledged write lost, no stale leader read),
// lagging reads must show only real, forward-moving state, and every server must end in the
// same state. A failed trial leaves its history in a JSON file. Mocha-free.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../../../../test/support/eventually.js';
import { HaZone } from '../../../../../test/support/ha-zone.js';
import {
  checkLinearizable,
  counterModel,
  registerModel,
  type CheckResult,
} from '../../../../../test/support/linearizability.js';
import { checkLaggingReads } from './lagging-reads.js';
import { runNemesis } from './nemesis.js';
import { seededRandom } from './seeded-random.js';
import { trialDatabases, type Backend } from './trial-databases.js';
import { TrialHistory, type TrialOp } from './trial-history.js';
import { finalReads, prepareZone, sameStateEverywhere } from './trial-steps.js';
import { runWorkload } from './workload.js';

export interface TrialOptions {
  readonly servers: number;
  readonly backend: Backend;
  readonly seconds: number;
  readonly seed: number;
  readonly clients?: number;
  readonly registers?: number;
  /** Where a failed trial writes its history (the system temp directory by default). */
  readonly historyDir?: string;
  readonly progress?: (line: string) => void;
  /**
   * Run further rounds of `seconds` (at most `maxRounds` in all) until the history holds
   * this much to judge: a loaded machine may commit little in one round.
   */
  readonly atLeast?: {
    readonly writes: number;
    readonly leaderReads: number;
    readonly maxRounds: number;
  };
}

export interface TrialStats {
  readonly writes: Record<TrialOp['outcome'], number>;
  readonly adds: Record<TrialOp['outcome'], number>;
  readonly leaderReads: number;
  readonly laggingReads: number;
  readonly faults: number;
  readonly checkMs: number;
}

export interface TrialReport {
  readonly seed: number;
  readonly problems: readonly string[];
  readonly stats: TrialStats;
  /** The history, written when the trial found a problem. */
  readonly historyFile: string | undefined;
}

const CALL_TIMEOUT_MS = 3000;
let trials = 0;

export async function runTrial(o: TrialOptions): Promise<TrialReport> {
  const random = seededRandom(o.seed);
  const progress = o.progress ?? (() => undefined);
  const databases = await trialDatabases(o.backend, `onekit_trial_${process.pid}_${++trials}`);
  const zone = await HaZone.create({
    servers: o.servers,
    proxies: true,
    ...(databases.conf && { conf: databases.conf }),
    copyDatabase: databases.copyDatabase,
  });
  const started = performance.now();
  const history = new TrialHistory(() => performance.now() - started);
  const problems: string[] = [];
  try {
    await zone.startAll();
    const setup = await prepareZone(zone, o.registers ?? 3);
    progress(`zone of ${o.servers} on ${o.backend} ready; running ${o.seconds} s (seed ${o.seed})`);
    for (let round = 1; ; round++) {
      const until = history.now() + o.seconds * 1000;
      await Promise.all([
        runWorkload({
          zone,
          history,
          random: random.fork(),
          clients: o.clients ?? 4,
          registers: setup.registers,
          groupsBefore: setup.groupsBefore,
          until,
          timeoutMs: CALL_TIMEOUT_MS,
          round,
        }),
        runNemesis({
          zone,
          history,
          random: random.fork(),
          until,
          faultMs: [800, 2500],
          quietMs: [500, 1500],
        }).catch((err: unknown) => void problems.push(`the nemesis failed: ${String(err)}`)),
      ]);
      const stats = statsOf(history, 0);
      const enough =
        o.atLeast === undefined ||
        (stats.writes.ok >= o.atLeast.writes && stats.leaderReads >= o.atLeast.leaderReads);
      if (enough || round >= (o.atLeast?.maxRounds ?? 1)) break;
      progress(`round ${round}: ${stats.writes.ok} acknowledged writes; another round`);
    }
    progress(`${history.ops.length} calls, ${history.faults.length} fault events; healing`);
    zone.heal();
    for (const id of zone.roots.keys()) {
      if (id < zone.servers && !zone.isRunning(id)) await zone.start(id);
    }
    // The zone must recover (liveness), then show what it committed.
    try {
      await eventually('a leader after healing', () => zone.waitForLeader({ deadlineMs: 5000 }), {
        deadlineMs: 30_000,
      });
      await finalReads(zone, history, setup, CALL_TIMEOUT_MS);
      await sameStateEverywhere(zone);
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
    }
  } finally {
    await zone.stopAll();
    zone.remove();
    await databases.drop();
  }
  const checkStarted = performance.now();
  problems.push(...judge(history));
  const checkMs = performance.now() - checkStarted;
  const stats = statsOf(history, checkMs);
  progress(`checked in ${checkMs.toFixed(0)} ms: ${problems.length} problem(s)`);
  const historyFile = problems.length > 0 ? writeHistory(o, history, problems) : undefined;
  return { seed: o.seed, problems, stats, historyFile };
}

function judge(history: TrialHistory): string[] {
  const problems: string[] = [];
  for (const [model, name] of [
    [registerModel, 'register'],
    [counterModel, 'counter'],
  ] as const) {
    const ops = history.ops.filter(
      (op) => op.model === name && (op.op !== 'read' || op.role === 'leader'),
    );
    const result = checkLinearizable(ops, model as typeof registerModel);
    if (result.verdict !== 'linearizable') problems.push(describeVerdict(name, result));
  }
  for (const p of checkLaggingReads(history.ops)) {
    problems.push(`a ${p.read.role} read ${p.why}: ${JSON.stringify(p.read)}`);
  }
  return problems;
}

function describeVerdict(
  name: string,
  result: Exclude<CheckResult, { verdict: 'linearizable' }>,
): string {
  if (result.verdict === 'gave-up') {
    return `the ${name} history (key ${result.key}) is too long to check (${result.steps} steps)`;
  }
  const last = result.linearized.slice(-3).map((op) => JSON.stringify(op));
  const stuck = result.unplaced.map((op) => JSON.stringify(op));
  const lines = (ops: string[]) => ops.map((op) => `\n    ${op}`).join('');
  return (
    `the ${name} history (key ${result.key}) is not linearizable: ` +
    `after ${result.linearized.length} operations ending with${lines(last)}` +
    `\n  none of these fits:${lines(stuck)}`
  );
}

function statsOf(history: TrialHistory, checkMs: number): TrialStats {
  const outcomes = (model: TrialOp['model'], op: TrialOp['op']) => {
    const counts = { ok: 0, fail: 0, unknown: 0 };
    for (const o of history.ops) if (o.model === model && o.op === op) counts[o.outcome]++;
    return counts;
  };
  const reads = history.ops.filter((op) => op.op === 'read' && op.outcome === 'ok');
  return {
    writes: outcomes('register', 'write'),
    adds: outcomes('counter', 'add'),
    leaderReads: reads.filter((r) => r.role === 'leader').length,
    laggingReads: reads.filter((r) => r.role !== 'leader').length,
    faults: history.faults.length,
    checkMs,
  };
}

function writeHistory(o: TrialOptions, history: TrialHistory, problems: string[]): string {
  const file = join(
    o.historyDir ?? tmpdir(),
    `onekit-ha-history-${o.servers}-${o.backend}-seed${o.seed}-${Date.now()}.json`,
  );
  const { servers, backend, seconds, seed } = o;
  writeFileSync(
    file,
    JSON.stringify(
      { servers, backend, seconds, seed, problems, faults: history.faults, ops: history.ops },
      null,
      1,
    ),
  );
  return file;
}
