import { constants, deflateSync, inflateSync } from 'node:zlib';
import { OneKitError } from '@onekit/core';
import type { Comparison, SqlValue, Values, Where, WriteOp } from '../storage/index.js';

// logdb.sqlcmd holds an entry's ops the way oned holds its SQL text: a zlib stream (RFC
// 1950) then base64 without line breaks. The fastest level is used: every write pays for
// it while the daemon waits, and any zlib reader inflates every level alike. The text inside is JSON rather than SQL,
// so that an entry does not depend on one backend's dialect:
//   {"v":1,"ops":[{"op":"insert","table":"user_pool","row":{...}}, ...]}
// bigint values are written as {"$bigint":"<decimal>"}; no op value is an object otherwise.

const FORMAT = 1;

function corrupt(message: string): OneKitError {
  return new OneKitError('STORAGE', `sqlcmd ${message}`, { field: 'sqlcmd' });
}

export function encodeSqlcmd(ops: readonly WriteOp[]): string {
  const json = JSON.stringify({ v: FORMAT, ops }, (_key, value: unknown) =>
    typeof value === 'bigint' ? { $bigint: value.toString() } : value,
  );
  return deflateSync(json, { level: constants.Z_BEST_SPEED }).toString('base64');
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
      if (keys.length === 1 && COMPARISONS.has(keys[0]!)) {
        const operand = decodeValue((condition as Record<string, unknown>)[keys[0]!]);
        return [column, { [keys[0]!]: operand } as Comparison];
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
  let parsed: { v?: unknown; ops?: unknown };
  try {
    parsed = JSON.parse(inflateSync(Buffer.from(sqlcmd, 'base64')).toString('utf8'));
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
  return parsed.ops.map(decodeOp);
}
