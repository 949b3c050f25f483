import type { OneApi } from '../rpc/index.js';
import { renderTable, type TableSpec } from '../table/index.js';
import type { ZoneView } from './zone-document.js';
import { progressTimeoutMs, zoneEndpoint, type ZoneServerAnswers } from './zone-members.js';
import {
  callOneKit,
  readIndex,
  readStateHash,
  type OneKitAnswer,
  type StateHashView,
} from './zone-progress.js';

// `onezone check`: the leader commits a state-check entry; every server, on applying it,
// keeps a hash of its whole state. Each server is then asked for its hash until it has
// applied that check (or the deadline passes), and every hash is compared with the
// leader's: a server whose state differs has diverged.

export type CheckStatus =
  'equal' | 'diverged' | 'behind' | 'superseded' | 'unknown' | 'no-answer' | 'unsupported';

export interface CheckServer {
  id: number;
  name: string;
  endpoint: string;
  status: CheckStatus;
  /** The last check this server applied; null when it did not answer. */
  index: bigint | null;
  hash: string | null;
  error: string | null;
}

export interface ZoneCheck {
  zone: { id: number; name: string };
  /** The server that committed the check (the leader), -1 when none could. */
  leader: number;
  /** The state check's log index; null when no check could be committed. */
  index: bigint | null;
  servers: CheckServer[];
  /** Every server applied the check and holds the leader's state. */
  consistent: boolean;
  /** Why no check could be committed, or why the leader's hash is missing. */
  error: string | null;
}

/** Time for the waiting loop; the command passes the real clock. */
export interface CheckClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface CheckOptions {
  /** How long the servers have to apply the check. */
  deadlineMs: number;
  clock: CheckClock;
  /** Told once the check is committed, with its index. */
  onCommitted?: (index: bigint) => void;
}

const pollMs = 100;

export async function checkZone(
  api: OneApi,
  zone: ZoneView,
  answers: ZoneServerAnswers,
  options: CheckOptions,
): Promise<ZoneCheck> {
  const leaderId = answers.leader?.id ?? -1;
  const result = (o: Partial<ZoneCheck>): ZoneCheck => ({
    zone: { id: zone.id, name: zone.name },
    leader: leaderId,
    index: null,
    servers: [],
    consistent: false,
    error: null,
    ...o,
  });
  const target = answers.leader?.endpoint ?? zoneEndpoint(zone, api);
  const checkClient = api.clientFor(target, { timeoutMs: options.deadlineMs });
  const committed = await callOneKit(checkClient, 'onekit.zone.statecheck', readIndex);
  if (!committed.ok) return result({ error: `${target}: ${committed.message}` });
  const index = committed.value;
  options.onCommitted?.(index);

  const until = options.clock.now() + options.deadlineMs;
  const polled = await Promise.all(
    answers.servers.map((s) => pollStateHash(api, s, index, until, options.clock)),
  );
  const compared = compareStateHashes({ index, leader: leaderId, polled });
  const error =
    compared.reference === undefined
      ? `the leader's state hash at index ${index} is not available`
      : null;
  return result({ index, servers: compared.servers, consistent: compared.consistent, error });
}

/** A server's last answer to onekit.zone.statehash. */
export interface PolledHash {
  id: number;
  name: string;
  endpoint: string;
  answer: OneKitAnswer<StateHashView>;
}

/** Asks a server for its state hash until it has applied the check at `index`. */
async function pollStateHash(
  api: OneApi,
  server: { id: number; name: string; endpoint: string },
  index: bigint,
  until: number,
  clock: CheckClock,
): Promise<PolledHash> {
  const client = api.clientFor(server.endpoint, { timeoutMs: progressTimeoutMs });
  for (;;) {
    const answer = await callOneKit(client, 'onekit.zone.statehash', readStateHash);
    const done = answer.ok ? answer.value.index >= index : answer.unsupported;
    if (done || clock.now() >= until) return { ...server, answer };
    await clock.sleep(pollMs);
  }
}

/**
 * Each server's result against the leader's hash at the check's index. Without the
 * leader's hash (it did not apply the check, or did not answer) nothing is `equal`.
 */
export function compareStateHashes(o: {
  index: bigint;
  leader: number;
  polled: readonly PolledHash[];
}): { servers: CheckServer[]; reference: string | undefined; consistent: boolean } {
  const leader = o.polled.find((p) => p.id === o.leader) ?? o.polled[0];
  const reference =
    leader?.answer.ok && leader.answer.value.index === o.index
      ? leader.answer.value.hash
      : undefined;
  const servers = o.polled.map((p): CheckServer => {
    const base = { id: p.id, name: p.name, endpoint: p.endpoint };
    if (!p.answer.ok) {
      const status = p.answer.unsupported ? 'unsupported' : 'no-answer';
      return { ...base, status, index: null, hash: null, error: p.answer.message };
    }
    const { index, hash } = p.answer.value;
    const known = index >= 0n ? hash : null;
    let status: CheckStatus;
    if (index < o.index) status = 'behind';
    else if (index > o.index) status = 'superseded';
    else if (reference === undefined) status = 'unknown';
    else status = hash === reference ? 'equal' : 'diverged';
    return { ...base, status, index, hash: known, error: null };
  });
  return { servers, reference, consistent: servers.every((s) => s.status === 'equal') };
}

/** One line for each server that does not hold the leader's state, and why. */
export function checkProblems(check: ZoneCheck, options: { deadlineMs: number }): string[] {
  const lines = check.error === null ? [] : [check.error];
  for (const s of check.servers) {
    const label = `server ${s.id < 0 ? '-' : s.id} (${s.name})`;
    switch (s.status) {
      case 'diverged':
        lines.push(
          `${label} diverged: its state differs from the leader's at index ${check.index}`,
        );
        break;
      case 'behind':
        lines.push(
          `${label} is behind: it did not apply the check (index ${check.index}) within ${options.deadlineMs / 1000} s`,
        );
        break;
      case 'superseded':
        lines.push(`${label} applied a later check (index ${s.index}): run the check again`);
        break;
      case 'no-answer':
        lines.push(`${label} did not answer: ${s.error}`);
        break;
      case 'unsupported':
        lines.push(`${label} ${s.error}`);
        break;
      case 'equal':
      case 'unknown':
        break;
    }
  }
  return lines;
}

const checkTable: TableSpec<CheckServer> = {
  columns: [
    { name: 'ID', description: '', size: 2, value: (s) => (s.id < 0 ? '-' : String(s.id)) },
    { name: 'NAME', description: '', size: 15, left: true, value: (s) => s.name },
    { name: 'INDEX', description: '', size: 10, left: true, value: (s) => String(s.index ?? '-') },
    { name: 'HASH', description: '', size: 16, left: true, value: (s) => s.hash ?? '-' },
    { name: 'RESULT', description: '', size: 10, left: true, value: (s) => s.status },
  ],
};

/** The servers' table, then one line per problem, or the all-clear. */
export function renderZoneCheck(
  check: ZoneCheck,
  options: { color: boolean; deadlineMs: number },
): string {
  const table = { color: options.color };
  const out = check.servers.length > 0 ? renderTable(check.servers, checkTable, table) + '\n' : '';
  const problems = checkProblems(check, options);
  if (problems.length > 0) return out + problems.map((p) => `${p}\n`).join('');
  const count = check.servers.length;
  return (
    out +
    (count === 1
      ? `The only server applied the check at index ${check.index}.\n`
      : `All ${count} servers hold the same state at index ${check.index}.\n`)
  );
}
