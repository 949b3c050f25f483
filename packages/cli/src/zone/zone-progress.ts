import { OneKitError, isOneKitError, type XmlRpcValue } from '@onekit/core';
import type { XmlRpcClient } from '../rpc/index.js';

// OneKit's own zone methods (onekit.zone.progress, probe, statecheck, statehash): XML-RPC
// structs that only a OneKit daemon answers. OpenNebula's oned answers them with a fault
// (method not defined), which is read as "not supported" rather than as an error.

/** raftstatus and onekit.zone.progress STATE values, as `onezone show` words them. */
export const raftStateNames: Readonly<Record<number, string>> = {
  0: 'solo',
  1: 'candidate',
  2: 'follower',
  3: 'leader',
};

/** A server of the zone as Raft knows it (a voter or a learner). */
export interface ZoneMemberView {
  id: number;
  name: string;
  endpoint: string;
}

/** How replication to one follower goes, as the leader sees it. */
export interface FollowerView {
  id: number;
  match: bigint;
  next: bigint;
  /** `probe`, `replicate`, or `needs-reset` (behind the leader's retained log). */
  replication: string;
  active: boolean;
}

/** One server's answer to onekit.zone.progress. */
export interface ZoneProgressView {
  serverId: number;
  /** raftstatus STATE: 0 solo, 1 candidate, 2 follower, 3 leader. */
  state: number;
  term: number;
  /** The leader this server knows, -1 for none. */
  leader: number;
  commit: bigint;
  applied: bigint;
  /** The first entry still in this server's log. */
  firstIndex: bigint;
  lastIndex: bigint;
  voters: ZoneMemberView[];
  learners: ZoneMemberView[];
  /** Known on the leader only. */
  followers: FollowerView[];
}

/** What a OneKit method answered: its value, or why there is none. */
export type OneKitAnswer<T> =
  { ok: true; value: T } | { ok: false; unsupported: boolean; message: string };

/**
 * Calls a OneKit method. A fault means the server does not define it (an OpenNebula oned);
 * any other failure (no client for the endpoint, unreachable, refused, not authorized) is
 * kept with its message.
 */
export async function callOneKit<T>(
  client: XmlRpcClient | Promise<XmlRpcClient>,
  method: string,
  read: (value: XmlRpcValue) => T,
): Promise<OneKitAnswer<T>> {
  try {
    return { ok: true, value: read(await (await client).call(method)) };
  } catch (err) {
    if (isOneKitError(err, 'XMLRPC_FAULT')) {
      return { ok: false, unsupported: true, message: unsupportedMessage(method) };
    }
    return { ok: false, unsupported: false, message: (err as Error).message };
  }
}

export function unsupportedMessage(method: string): string {
  return `does not support ${method} (not a OneKit daemon)`;
}

export function readZoneProgress(value: XmlRpcValue): ZoneProgressView {
  const s = struct(value, 'onekit.zone.progress');
  return {
    serverId: int(s, 'SERVER_ID'),
    state: int(s, 'STATE'),
    term: int(s, 'TERM'),
    leader: int(s, 'LEADER'),
    commit: index(s, 'COMMIT'),
    applied: index(s, 'APPLIED'),
    firstIndex: index(s, 'FIRST_INDEX'),
    lastIndex: index(s, 'LAST_INDEX'),
    voters: list(s, 'VOTERS').map(member),
    learners: list(s, 'LEARNERS').map(member),
    followers: list(s, 'FOLLOWERS').map((f) => ({
      id: int(f, 'ID'),
      match: index(f, 'MATCH'),
      next: index(f, 'NEXT'),
      replication: str(f, 'REPLICATION'),
      active: f['ACTIVE'] === true,
    })),
  };
}

/** onekit.zone.statehash: the last state check this server applied (INDEX -1: none). */
export interface StateHashView {
  index: bigint;
  hash: string;
}

export function readStateHash(value: XmlRpcValue): StateHashView {
  const s = struct(value, 'onekit.zone.statehash');
  return { index: index(s, 'INDEX'), hash: str(s, 'HASH') };
}

/** onekit.zone.probe and statecheck answer the index of the entry they committed. */
export function readIndex(value: XmlRpcValue): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  throw malformed('an index', 'value');
}

type Struct = { [member: string]: XmlRpcValue };

function member(s: Struct): ZoneMemberView {
  return { id: int(s, 'ID'), name: str(s, 'NAME'), endpoint: str(s, 'ENDPOINT') };
}

function struct(value: XmlRpcValue, what: string): Struct {
  const isStruct =
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value);
  if (!isStruct) throw malformed('a struct', what);
  return value as Struct;
}

function int(s: Struct, key: string): number {
  const v = s[key];
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw malformed('an integer', key);
}

function index(s: Struct, key: string): bigint {
  const v = s[key];
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  throw malformed('a 64-bit integer', key);
}

function str(s: Struct, key: string): string {
  const v = s[key];
  if (typeof v === 'string') return v;
  throw malformed('a string', key);
}

function list(s: Struct, key: string): Struct[] {
  const v = s[key];
  if (!Array.isArray(v)) throw malformed('an array', key);
  return v.map((item) => struct(item, key));
}

function malformed(expected: string, field: string): OneKitError {
  return new OneKitError('XMLRPC_TYPE', `${field} is not ${expected}`, { field });
}
