import type { ColumnDefinition } from 'better-sqlite3';
import { OneKitError } from '@onekit/core';
import {
  integerValue,
  isAboveInt64,
  type ColumnValue,
  type Row,
  type SqlValue,
} from '../values.js';

// SQLite's INTEGER is a signed 64-bit value, so a BIGINT UNSIGNED column (logdb.log_index,
// logdb.fed_index, pool_control.last_oid) stores an unsigned value by its two's-complement
// bit pattern: 0 .. 2^63-1 unchanged, 2^63 .. 2^64-1 as negative numbers. The only value
// that ever lands in the upper half is the UINT64_MAX sentinel, stored as -1, which is
// also what `onedb backup --federated` filters on (`fed_index != -1`). Reads turn it back
// into 18446744073709551615n; bigint parameters above 2^63-1 are bound the same way, so
// `fed_index = ?` with UINT64_MAX matches. Only equality is meaningful for such values in
// SQL written by hand: ordering puts the sentinel below every other index.

/** The value better-sqlite3 binds for a parameter. */
export function bindSqlite(value: SqlValue): string | number | bigint | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') {
    if (value < -(1n << 63n) || value > (1n << 64n) - 1n) {
      throw new OneKitError('STORAGE', `integer ${value} does not fit 64 bits`, {
        field: 'params',
      });
    }
    return isAboveInt64(value) ? BigInt.asIntN(64, value) : value;
  }
  return value;
}

const BIGINT_COLUMN = /^BIGINT\b/i;
const UNSIGNED = /\bUNSIGNED\b/i;

type Decoder = (value: unknown) => ColumnValue;

function decoderFor(column: ColumnDefinition): Decoder {
  const declared = column.column !== null && column.type !== null ? column.type : '';
  if (BIGINT_COLUMN.test(declared)) {
    const unsigned = UNSIGNED.test(declared);
    return (value) =>
      typeof value === 'bigint'
        ? unsigned
          ? BigInt.asUintN(64, value)
          : value
        : (value as ColumnValue);
  }
  return (value) => (typeof value === 'bigint' ? integerValue(value) : (value as ColumnValue));
}

/** Decodes the rows of one statement (read with safeIntegers on) by the columns' declared types. */
export function rowDecoder(columns: readonly ColumnDefinition[]): (raw: unknown[]) => Row {
  const decoders = columns.map(decoderFor);
  return (raw) => {
    const row: Row = {};
    columns.forEach((column, i) => {
      row[column.name] = decoders[i]!(raw[i]);
    });
    return row;
  };
}
