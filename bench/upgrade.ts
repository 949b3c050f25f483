// `onezone upgrade-apply --coordinated --yes` on the lab of bench/lab.ts (`onekit lab up
// --zones 3 --servers 3`: three HA zones of three servers), every database made to look as
// the previous release left it (test/support/previous-release.ts), run as one process as an
// operator runs it after `eval "$(onekit lab up)"`; then the rolling procedure the same way
// on a second, fresh lab. Figures, each against the lab-up time of the same lab: the
// wizard's wall time, its slowest steps, and its steps summed by phase (from the started and
// finished times of the run record in <var>/.onekit/runs/; what the steps do not cover is
// the process start, the survey and the preflight checks). Then the coordinated wizard's
// steps against the manual actions of the upgrade guide (seed 003, with the HA guide, seed
// 002, for what upgrading an HA zone means), and the commands the operator types:
// - step 1, check the federation: onezone list = 1; onezone disable, per zone = 1;
// - step 2, stop every zone: per server, stop the service and check that nothing of
//   OpenNebula runs (systemctl list-units) = 2;
// - steps 3 and 6, upgrade a zone: onedb upgrade on the leader's database = 1; in an HA
//   zone also, as seed 002 gives a database to a server: onedb backup of the upgraded
//   database = 1, and per further server, copy it and onedb restore = 2;
// - step 4: onedb backup --federated on the master = 1;
// - step 5, per slave zone: copy the backup (scp) and onedb restore --federated = 2;
// - restart, per server: start the service = 1; per zone, onezone enable = 1.
// Installing the new packages is left out of both counts (the lab runs one release); the
// wizard's backups of every database before the upgrade and its health gates are steps the
// guide does not ask for.
// The labs are stopped and removed at the end.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolvePaths } from '@onekit/core';
import { labAdminDir, labTokenFile } from '../packages/cli/src/lab/lab-state.js';
import { runName, runsDir, type RunRecord } from '../packages/cli/src/plan/index.js';
import { UPGRADE_WIZARD } from '../packages/cli/src/upgrade-wizard/apply-plan.js';
import { asPreviousRelease } from '../test/support/previous-release.js';
import { cliBin, runTimed, seconds, withLab, type BenchLab } from './support/bench-lab.js';
import type { Figure } from './support/measure.js';

const ZONES = 3;
const SERVERS = 3;
const SLOWEST = 5;

const manual = {
  check: 1,
  perZone: 2, // onezone disable, onezone enable
  perServer: 3, // stop, check nothing runs, start
  upgrade: 1,
  upgradedBackup: 1,
  perFurtherServer: 2, // copy, onedb restore
  federatedBackup: 1,
  perSlave: 2, // copy, onedb restore --federated
};

function manualActions(zones: number, servers: number): number {
  const upgradeZone =
    manual.upgrade +
    (servers > 1 ? manual.upgradedBackup + (servers - 1) * manual.perFurtherServer : 0);
  return (
    manual.check +
    zones * (manual.perZone + servers * manual.perServer + upgradeZone) +
    manual.federatedBackup +
    (zones - 1) * manual.perSlave
  );
}

/** The phase a step of the upgrade plan belongs to, by the last part of its name. */
const phaseOfAction: Record<string, string> = {
  disable: 'disable/enable',
  enable: 'disable/enable',
  'stop-daemon': 'stop',
  'backup-database': 'backups',
  'upgrade-database': 'onedb upgrade',
  'backup-upgraded': 'redistribution',
  'copy-upgraded': 'redistribution',
  'restore-upgraded': 'redistribution',
  'federated-backup': 'federated backup/restore',
  'copy-federated': 'federated backup/restore',
  'restore-federated': 'federated backup/restore',
  'start-daemon': 'start',
  'reset-servers': 'gates',
  'wait-healthy': 'gates',
  gate: 'gates',
};

interface TimedStep {
  readonly name: string;
  readonly ms: number;
}

function stepTimes(record: RunRecord): TimedStep[] {
  return record.done.map((d) => {
    if (d.started === undefined) throw new Error(`the run record has no start for ${d.name}`);
    return { name: d.name, ms: Date.parse(d.finished) - Date.parse(d.started) };
  });
}

/** Every database back to the previous release, then the wizard as one process. */
async function upgrade(
  lab: BenchLab,
  procedure: 'coordinated' | 'rolling',
): Promise<{ ms: number; record: RunRecord }> {
  for (const host of lab.result.hosts) {
    asPreviousRelease(resolvePaths({ oneLocation: host.location }).sqliteDb);
  }
  const admin = labAdminDir(lab.dir);
  const run = await runTimed(
    cliBin('onezone'),
    [
      'upgrade-apply',
      ...(procedure === 'coordinated' ? ['--coordinated'] : []),
      '--transport',
      'agent',
      '--agent-token-file',
      labTokenFile(lab.dir),
      '--wait-timeout',
      '120',
      '--yes',
    ],
    {
      env: {
        ONE_XMLRPC: lab.result.endpoint,
        ONE_AUTH: lab.result.oneAuth,
        ONE_LOCATION: admin,
        HOME: path.join(admin, 'home'),
      },
    },
  );
  const runs = runsDir(resolvePaths({ oneLocation: admin }));
  const file = path.join(runs, `${runName(UPGRADE_WIZARD, 'federation')}.json`);
  const record = JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
  if (record.state !== 'complete' || record.answers['procedure'] !== procedure) {
    throw new Error(`the ${procedure} upgrade did not complete: ${record.state}`);
  }
  return { ms: run.ms, record };
}

function figuresOf(bench: string, lab: BenchLab, run: { ms: number; record: RunRecord }): Figure[] {
  const against = (ms: number) => ({
    value: seconds(ms),
    baseline: seconds(lab.upMs),
    ratio: (ms / lab.upMs).toFixed(2),
  });
  const steps = stepTimes(run.record);
  const phases = new Map<string, number>();
  for (const step of steps) {
    const phase = phaseOfAction[step.name.split('/').at(-1)!] ?? 'other';
    phases.set(phase, (phases.get(phase) ?? 0) + step.ms);
  }
  const inSteps = steps.reduce((sum, s) => sum + s.ms, 0);
  return [
    {
      bench,
      case: 'lab up wall time (baseline)',
      value: seconds(lab.upMs),
      baseline: '-',
      ratio: '-',
    },
    { bench, case: `upgrade-apply wall time (${steps.length} steps)`, ...against(run.ms) },
    ...[...steps]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SLOWEST)
      .map((s) => ({ bench, case: `slowest step ${s.name}`, ...against(s.ms) })),
    ...[...phases].map(([phase, ms]) => ({ bench, case: `phase ${phase}`, ...against(ms) })),
    { bench, case: 'outside the steps (start, survey, checks)', ...against(run.ms - inSteps) },
  ];
}

export async function upgradeBench(): Promise<Figure[]> {
  const size = { zones: ZONES, servers: SERVERS };
  const coordinated = await withLab(size, async (lab) => {
    const run = await upgrade(lab, 'coordinated');
    const bench = `upgrade coordinated ${ZONES}x${SERVERS}`;
    const steps = run.record.done.length;
    const actions = manualActions(ZONES, SERVERS);
    return [
      ...figuresOf(bench, lab, run),
      {
        bench,
        case: 'wizard steps vs manual actions (seed 003)',
        value: String(steps),
        baseline: String(actions),
        ratio: (steps / actions).toFixed(2),
      },
      {
        bench,
        case: 'commands typed vs manual actions',
        value: '1',
        baseline: String(actions),
        ratio: (1 / actions).toFixed(3),
      },
    ];
  });
  const rolling = await withLab(size, async (lab) =>
    figuresOf(`upgrade rolling ${ZONES}x${SERVERS}`, lab, await upgrade(lab, 'rolling')),
  );
  return [...coordinated, ...rolling];
}
