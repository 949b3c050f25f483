import { OneKitError } from '@onekit/core';
import type { HardState } from './log-entry.js';

// system_attributes RAFT_STATE holds oned's template XML:
//   <TEMPLATE><TERM><![CDATA[3]]></TERM><VOTEDFOR><![CDATA[-1]]></VOTEDFOR></TEMPLATE>

export const RAFT_STATE = 'RAFT_STATE';

export const INITIAL_HARD_STATE: HardState = { term: 0, votedFor: -1 };

export function encodeHardState({ term, votedFor }: HardState): string {
  return `<TEMPLATE><TERM><![CDATA[${term}]]></TERM><VOTEDFOR><![CDATA[${votedFor}]]></VOTEDFOR></TEMPLATE>`;
}

function readInteger(xml: string, name: string): number {
  const match = new RegExp(
    `<${name}>\\s*(?:<!\\[CDATA\\[\\s*(-?\\d+)\\s*\\]\\]>|(-?\\d+))\\s*</${name}>`,
  ).exec(xml);
  const text = match?.[1] ?? match?.[2];
  if (text === undefined) {
    throw new OneKitError('STORAGE', `RAFT_STATE has no integer ${name}`, {
      field: `${RAFT_STATE}/${name}`,
    });
  }
  return Number(text);
}

export function decodeHardState(xml: string): HardState {
  return { term: readInteger(xml, 'TERM'), votedFor: readInteger(xml, 'VOTEDFOR') };
}
