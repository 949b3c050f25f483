// `onekit lab up --zones 3 --servers 3`: a federation of three HA zones of three servers
// each, built on this machine by the wizards (fed-master, fed-join, six ha-add), as a user
// runs it (the built executable, in a fresh directory on a loopback /24 of its own).
// Figures: the wall time of the whole command, and of each phase it reports (with the
// number of wizard steps); and the count of wizard steps and of commands a person types,
// against the manual procedure's actions in the seed documents:
// - federation guide (seeds 000/001), step 1, master: onezone update 0, edit oned.conf,
//   restart = 3; step 2, per slave: start once, stop, onezone create, onedb backup
//   --federated, copy the backup, copy .one, edit oned.conf, onedb restore --federated,
//   start = 9;
// - HA guide (seed 002), the zone's first server: server-add, stop, edit SERVER_ID, start,
//   onezone show = 5; per further server: onedb backup, copy it, copy .one, stop, onedb
//   restore, server-add, onezone show, edit SERVER_ID, start, onezone show = 10.
// The lab is stopped and removed at the end.
import { seconds, withLab } from './support/bench-lab.js';
import type { Figure } from './support/measure.js';

const ZONES = 3;
const SERVERS = 3;

const manual = {
  master: 3,
  slave: 9,
  firstHaServer: 5,
  furtherServer: 10,
};

function manualActions(zones: number, servers: number): number {
  const ha =
    servers > 1 ? zones * (manual.firstHaServer + (servers - 1) * manual.furtherServer) : 0;
  return manual.master + (zones - 1) * manual.slave + ha;
}

export function labBench(): Promise<Figure[]> {
  return withLab({ zones: ZONES, servers: SERVERS }, async ({ upMs: ms, result }) => {
    const bench = `lab ${ZONES}x${SERVERS}`;
    const figures: Figure[] = [
      {
        bench,
        case: 'lab up wall time',
        value: seconds(ms),
        baseline: '-',
        ratio: '-',
      },
    ];
    for (const phase of result.phases) {
      figures.push({
        bench,
        case: `phase ${phase.id}${phase.steps === undefined ? '' : ` (${phase.steps} steps)`}`,
        value: seconds(phase.ms),
        baseline: seconds(ms),
        ratio: (phase.ms / ms).toFixed(2),
      });
    }
    const steps = result.phases.reduce((n, p) => n + (p.steps ?? 0), 0);
    const actions = manualActions(ZONES, SERVERS);
    const wizardRuns = result.phases.filter((p) => p.steps !== undefined).length;
    figures.push(
      {
        bench,
        case: 'wizard steps vs manual actions (seeds 000-002)',
        value: String(steps),
        baseline: String(actions),
        ratio: (steps / actions).toFixed(2),
      },
      {
        bench,
        case: 'wizard commands vs manual actions',
        value: String(wizardRuns),
        baseline: String(actions),
        ratio: (wizardRuns / actions).toFixed(3),
      },
      {
        bench,
        case: 'lab commands vs manual actions',
        value: '1',
        baseline: String(actions),
        ratio: (1 / actions).toFixed(3),
      },
    );
    return figures;
  });
}
