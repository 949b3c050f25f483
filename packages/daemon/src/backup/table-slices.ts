// The slices a MySQL backup reads its tables in, so that its readers share a big table
// instead of one reading it alone while the others are done: a table of at least
// SPLIT_FROM_BYTES (the server's own estimate) with a one-column integer primary key is cut
// into as many ranges of key values as there are readers. Its slices follow one another in
// the file, in key order, as one read of the whole table would write them.
import type { BackupTable } from './backup-format.js';
import type { DbSession } from './db-session.js';

/** Tables smaller than this are read whole. */
export const SPLIT_FROM_BYTES = 64 << 20;

const INTEGER_TYPE = /^(TINYINT|SMALLINT|MEDIUMINT|INT|INTEGER|BIGINT)\b/i;

export interface TableSlice {
  readonly table: BackupTable;
  /** The first slice of its table, which starts the table's section of the file. */
  readonly first: boolean;
  /** The condition that keeps the slice's rows (its range of keys); none for a whole table. */
  readonly range?: string;
}

/** The one column the table is keyed by, when it is an integer. */
function integerKey(table: BackupTable): string | undefined {
  const [key, ...more] = table.def.primaryKey;
  if (!key || more.length > 0) return undefined;
  const column = table.def.columns.find((c) => c.name === key);
  return column && INTEGER_TYPE.test(column.type) ? key : undefined;
}

/**
 * The keys that cut the keys from `min` to `max` into `count` ranges of about equal spans
 * (fewer when there are fewer keys): each range starts at a bound and ends before the next.
 */
export function keyBounds(min: bigint, max: bigint, count: number): bigint[] {
  const span = max - min + 1n;
  const ranges = span < BigInt(count) ? Number(span) : count;
  return Array.from(
    { length: Math.max(0, ranges - 1) },
    (_, i) => min + (span * BigInt(i + 1)) / BigInt(ranges),
  );
}

/** The conditions of the ranges `bounds` cut all keys into; the first and last stay open. */
export function rangeConditions(column: string, bounds: readonly bigint[]): string[] {
  return Array.from({ length: bounds.length + 1 }, (_, i) => {
    const from = i > 0 ? `${column} >= ${bounds[i - 1]!.toString()}` : undefined;
    const below = i < bounds.length ? `${column} < ${bounds[i]!.toString()}` : undefined;
    return [from, below].filter(Boolean).join(' AND ');
  });
}

/** The slices to read `tables` in, on `readers` sessions of one snapshot (`session` is one). */
export async function planSlices(
  session: DbSession,
  tables: readonly BackupTable[],
  readers: number,
  splitFromBytes = SPLIT_FROM_BYTES,
): Promise<TableSlice[]> {
  const whole = (table: BackupTable): TableSlice[] => [{ table, first: true }];
  if (readers < 2) return tables.flatMap(whole);
  const sizes = new Map(
    (
      await session.query(
        'SELECT table_name AS name, data_length AS bytes FROM information_schema.tables WHERE table_schema = DATABASE()',
      )
    ).map((row) => [String(row.name), Number(row.bytes)]),
  );
  const slices: TableSlice[] = [];
  for (const table of tables) {
    const key = integerKey(table);
    if (!key || (sizes.get(table.def.name) ?? 0) < splitFromBytes) {
      slices.push(...whole(table));
      continue;
    }
    const column = session.quote(key);
    const [ends] = await session.query(
      `SELECT MIN(${column}) AS min, MAX(${column}) AS max FROM ${session.quote(table.def.name)}`,
    );
    if (ends?.min === null || ends?.min === undefined || ends.max === null) {
      slices.push(...whole(table));
      continue;
    }
    const bounds = keyBounds(BigInt(String(ends.min)), BigInt(String(ends.max)), readers);
    const ranges = rangeConditions(column, bounds);
    slices.push(...ranges.map((range, i) => ({ table, first: i === 0, ...(range && { range }) })));
  }
  return slices;
}
