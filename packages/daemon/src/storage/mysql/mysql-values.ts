import mysql, { type FieldPacket } from 'mysql2/promise';
import { integerValue, isAboveInt64, type Row, type SqlValue } from '../values.js';

// MySQL stores BIGINT UNSIGNED natively, so UINT64_MAX is just 18446744073709551615.
// Integers go over the binary protocol as typed 64-bit parameters (never as doubles), so
// comparisons stay exact past 2^53 and `LIMIT ?` gets the integer it requires.

const { TypedParameter } = mysql;

/** A driver parameter: a plain value or one of mysql2's typed parameters. */
export type MysqlParam =
  ReturnType<typeof TypedParameter.LONGLONG> | string | number | boolean | null;

export function bindMysql(value: SqlValue): MysqlParam {
  if (typeof value === 'bigint') {
    return isAboveInt64(value)
      ? TypedParameter.LONGLONG.unsigned(value)
      : TypedParameter.LONGLONG(value);
  }
  if (typeof value === 'number' && Number.isSafeInteger(value))
    return TypedParameter.LONGLONG(value);
  return value;
}

const LONGLONG = 8;

/**
 * Decodes rows read with supportBigNumbers and bigNumberStrings, which deliver every
 * BIGINT as a decimal string: a table column becomes a bigint, an expression (COUNT,
 * MAX...) a number when it fits, as SQLite's decoder does.
 */
export function decodeMysqlRows(
  rows: Record<string, unknown>[],
  fields: readonly FieldPacket[],
): Row[] {
  const bigintFields = fields.filter((f) => f.columnType === LONGLONG);
  if (bigintFields.length === 0) return rows as Row[];
  return rows.map((raw) => {
    const row = { ...raw } as Row;
    for (const field of bigintFields) {
      const value = row[field.name];
      if (typeof value !== 'string') continue;
      row[field.name] = field.orgTable ? BigInt(value) : integerValue(BigInt(value));
    }
    return row;
  });
}
