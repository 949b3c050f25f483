// What the lab commands print for people: `up` the phases it went through (stderr) and the
// export lines for the master (stdout, for eval); `status` a table; `down` one line.
import { resolve } from 'node:path';
import { renderTable } from '../table/index.js';
import type { LabDownResult } from './lab-down.js';
import { labStatusTable, type LabStatus } from './lab-status.js';
import type { LabUpResult } from './lab-up.js';

/** The lab directory: --dir, else ./onekit-lab (relative paths from `cwd`). */
export function labDirectory(flag: string | undefined, cwd: string): string {
  return resolve(cwd, flag ?? 'onekit-lab');
}

export function renderLabPhases(result: LabUpResult): string {
  const width = Math.max(5, ...result.phases.map((p) => p.id.length));
  const lines = [
    `${'PHASE'.padEnd(width)}  STATE         SECONDS  STEPS`,
    ...result.phases.map((p) =>
      `${p.id.padEnd(width)}  ${p.state.padEnd(12)}  ${(p.ms / 1000).toFixed(1).padStart(7)}  ${
        p.steps === undefined ? '' : String(p.steps).padStart(5)
      }`.trimEnd(),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

export function renderLabExports(result: LabUpResult): string {
  return `export ONE_XMLRPC=${result.endpoint}\nexport ONE_AUTH=${result.oneAuth}\n`;
}

export function renderLabStatus(status: LabStatus, o: { color: boolean }): string {
  return (
    `${status.dir}: ${status.zones} zone(s) of ${status.servers} server(s)\n` +
    renderTable(status.hosts, labStatusTable, { color: o.color })
  );
}

export function renderLabDown(result: LabDownResult): string {
  const count = Object.values(result.stopped).reduce((n, pids) => n + pids.length, 0);
  return `${count} process(es) stopped${result.purged ? `, ${result.dir} removed` : ''}\n`;
}
