import { OneKitError } from '@onekit/core';
import type { Comparison, SqlValue, Values, Where, WriteOp } from '../storage/index.js';
import type { ServerChange } from './server-change.js';
import { zlibDecode, zlibEncode } from './zlib-stream.js';

// logdb.sqlcmd holds an entry's ops the way oned holds its SQL text: a zlib stream (RFC
// 1950) then base64 without line breaks. Short text is stored, longer text compressed at
// the fastest level (zlib-stream.ts): every write pays for it while the daemon waits, and
// any zlib reader reads both alike. The text inside is JSON rather than SQL,
// so that an entry does not depend on one backend's dialect:
//   {"v":1,"ops":[{"op":"insert","table":"user_pool","row":{...}}, ...]}
// An entry that changes the servers of a zone holds the change instead of ops:
//   {"v":1,"ops":[],"server":{"type":"promote","id":2,"zoneId":0,"name":"fe3","endpoint":"..."}}
// and a state check (every server hashes its state when it applies it) holds:
//   {"v":1,"ops":[],"check":true}
// bigint values are written as {"$bigint":"<decimal>"}; no op value is an object otherwise.

const FORMAT = 1;

function corrupt(message: string): OneKitError {
  return new OneKitError('STORAGE', `sqlcmd ${message}`, { field: 'sqlcmd' });
}

/** What one log entry does: writes, or a change to a zone's servers. */
export interface EntryContent {
  readonly ops: readonly WriteOp[];
  readonly server?: ServerChange;
  readonly check?: true;
}

export function encodeEntryContent({ ops, server, check }: EntryContent): string {
  const body = {
    v: FORMAT,
    ops,
    ...(server !== undefined && { server }),
    ...(check === true && { check }),
  };
  const json = JSON.stringify(body, (_key, value: unknown) =>
    typeof value === 'bigint' ? { $bigint: value.toString() } : value,
  );
  return zlibEncode(json).toString('base64');
}

export function encodeSqlcmd(ops: readonly WriteOp[]): string {
  return encodeEntryContent({ ops });
}

function decodeValue(value: unknown): SqlValue {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
    return value as SqlValue;
  }
  const tagged = value as { $bigint?: unknown };
  if (
    typeof value === 'object' &&
    Object.keys(value).length === 1 &&
    typeof tagged.$bigint === 'string'
  ) {
    if (!/^-?\d+$/.test(tagged.$bigint)) throw corrupt('holds a malformed bigint');
    return BigInt(tagged.$bigint);
  }
  throw corrupt('holds a value that is not a scalar');
}

function decodeValues(value: unknown, what: string): Values {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw corrupt(`op has no ${what}`);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeValue(v)]));
}

const COMPARISONS = new Set(['ne', 'lt', 'le', 'gt', 'ge']);

function decodeWhere(value: unknown): Where {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw corrupt('op has no where');
  }
  return Object.fromEntries(
    Object.entries(value).map(([column, condition]) => {
      const keys =
        typeof condition === 'object' && condition !== null ? Object.keys(condition) : [];
      if (keys.length > 0 && keys.every((key) => COMPARISONS.has(key))) {
        const comparisons = condition as Record<string, unknown>;
        const decoded = keys.map((key) => [key, decodeValue(comparisons[key])]);
        return [column, Object.fromEntries(decoded) as Comparison];
      }
      return [column, decodeValue(condition)];
    }),
  );
}

function decodeOp(raw: unknown): WriteOp {
  const op = raw as Record<string, unknown>;
  if (typeof op !== 'object' || op === null || typeof op.table !== 'string') {
    throw corrupt('op has no table');
  }
  switch (op.op) {
    case 'insert':
    case 'replace':
      return { op: op.op, table: op.table, row: decodeValues(op.row, 'row') };
    case 'update':
      return {
        op: 'update',
        table: op.table,
        set: decodeValues(op.set, 'set'),
        where: decodeWhere(op.where),
      };
    case 'delete':
      return { op: 'delete', table: op.table, where: decodeWhere(op.where) };
    default:
      throw corrupt(`op kind ${String(op.op)} is unknown`);
  }
}

export function decodeSqlcmd(sqlcmd: string): WriteOp[] {
  return [...decodeEntryContent(sqlcmd).ops];
}

const CHANGE_TYPES = new Set(['add-learner', 'promote', 'remove']);

function decodeServerChange(raw: unknown): ServerChange {
  const c = raw as Record<string, unknown>;
  const optionalText = (key: string) =>
    c[key] === undefined || typeof c[key] === 'string' ? {} : undefined;
  if (
    typeof c !== 'object' ||
    c === null ||
    !CHANGE_TYPES.has(String(c.type)) ||
    !Number.isSafeInteger(c.id) ||
    !Number.isSafeInteger(c.zoneId) ||
    optionalText('name') === undefined ||
    optionalText('endpoint') === undefined
  ) {
    throw corrupt('holds a malformed server change');
  }
  return {
    type: c.type as ServerChange['type'],
    id: c.id as number,
    zoneId: c.zoneId as number,
    ...(typeof c.name === 'string' && { name: c.name }),
    ...(typeof c.endpoint === 'string' && { endpoint: c.endpoint }),
  };
}

export function decodeEntryContent(sqlcmd: string): EntryContent {
  let parsed: { v?: unknown; ops?: unknown; server?: unknown; check?: unknown };
  try {
    parsed = JSON.parse(zlibDecode(Buffer.from(sqlcmd, 'base64')));
  } catch (err) {
    throw new OneKitError(
      'STORAGE',
      'sqlcmd cannot be inflated or parsed',
      { field: 'sqlcmd' },
      { cause: err },
    );
  }
  if (parsed?.v !== FORMAT || !Array.isArray(parsed.ops))
    throw corrupt(`format ${String(parsed?.v)} is unknown`);
  const ops = parsed.ops.map(decodeOp);
  return {
    ops,
    ...(parsed.server !== undefined && { server: decodeServerChange(parsed.server) }),
    ...(parsed.check === true && { check: true as const }),
  };
}
