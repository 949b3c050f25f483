import type { SgrName } from '../io/index.js';

// State words OpenNebula's CLI colours in STAT columns on a terminal.
const good = new Set(['runn', 'rdy', 'on', 'SUCCESS', 'RUNNING']);
const bad = new Set([
  'fail',
  'err',
  'error',
  'ERROR',
  'FAILED_DEPLOYING',
  'FAILED_DEPLOYING_NETS',
  'FAILED_UNDEPLOYING',
  'FAILED_UNDEPLOYING_NETS',
  'FAILED_SCALING',
]);
const pending = new Set([
  'PENDING',
  'DEPLOYING',
  'DEPLOYING_NETS',
  'UNDEPLOYING',
  'UNDEPLOYING_NETS',
  'CONFIGURING',
  'WARNING',
]);

/** The colour of a state word, if it has one. */
export function stateColor(state: string): SgrName | undefined {
  const word = state.trim();
  if (good.has(word)) return 'green';
  if (bad.has(word)) return 'red';
  if (pending.has(word)) return 'yellow';
  return undefined;
}
