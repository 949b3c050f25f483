import { failureKind, type FailureKind } from '../exit/index.js';

// One action applied to several objects, as OpenNebula's CLIs do it: each object in turn,
// a failure reported and the rest still tried, the command failing at the end if any did.

export interface ActionFailure {
  id: number;
  code: FailureKind;
  message: string;
}

/** What happened, for --json and for the text below. */
export interface ActionReport {
  /** `ZONE`, `USER`, ... as upstream names the object in its messages. */
  resource: string;
  /** The verb of the -v line: `deleted`, `renamed`, `enable zone`, ... */
  action: string;
  done: number[];
  failed: ActionFailure[];
}

export interface ActionOptions {
  resource: string;
  action: string;
  ids: readonly number[];
  apply: (id: number) => Promise<unknown>;
}

export async function applyToEach(options: ActionOptions): Promise<ActionReport> {
  const report: ActionReport = {
    resource: options.resource,
    action: options.action,
    done: [],
    failed: [],
  };
  for (const id of options.ids) {
    try {
      await options.apply(id);
      report.done.push(id);
    } catch (err) {
      report.failed.push({ id, code: failureKind(err), message: (err as Error).message });
    }
  }
  return report;
}

/** `-v`: `ZONE 100: deleted` for each object done; nothing otherwise. */
export function doneLines(report: ActionReport, options: { verbose: boolean }): string {
  if (!options.verbose) return '';
  return report.done.map((id) => `${report.resource} ${id}: ${report.action}\n`).join('');
}

/** The server's message for each failure, one per line, as upstream prints them. */
export function failureLines(report: ActionReport): string {
  return report.failed.map((f) => `${f.message}\n`).join('');
}

/** The report of one action on one object that succeeded (a failure is thrown instead). */
export function doneReport(resource: string, action: string, id: number): ActionReport {
  return { resource, action, done: [id], failed: [] };
}
