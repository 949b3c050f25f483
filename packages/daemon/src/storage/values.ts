// Values that cross the storage boundary, on both backends.

/** A value bound to a statement parameter or carried by a write. */
export type SqlValue = string | number | bigint | boolean | null;

/**
 * A value read from a row. A column declared BIGINT (signed or unsigned) always reads as a
 * bigint; every other integer (INTEGER columns, COUNT(*), MAX(...)) reads as a number, or
 * as a bigint in the rare case it does not fit a double exactly.
 */
export type ColumnValue = string | number | bigint | null;

export type Row = Record<string, ColumnValue>;

/** oned's sentinel for "not federated" in logdb.fed_index (BIGINT UNSIGNED). */
export const UINT64_MAX = 18446744073709551615n;

const INT64_MAX = 9223372036854775807n;

/** An integer read from an expression column: a number when exact, a bigint otherwise. */
export function integerValue(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

/** True when the bigint only fits an unsigned 64-bit column. */
export function isAboveInt64(value: bigint): boolean {
  return value > INT64_MAX;
}
