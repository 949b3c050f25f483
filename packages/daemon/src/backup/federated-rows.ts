// What a federated backup holds, as oned's onedb decides it, plus the ids those rows need:
// every row of the federated tables; the federated records of logdb (fed_index is not
// the UINT64_MAX "local record" sentinel); and the pool_control counters of the
// federated pools, without which restored users, groups or zones would get their ids
// handed out again.
import {
  federatedTableNames,
  tables,
  UINT64_MAX,
  type ColumnValue,
  type SqlValue,
  type TableDef,
} from '../storage/index.js';
import type { BackupKind, TablePart } from './backup-format.js';

/** The federated rows of a table that also holds local ones, in SQL and as a predicate. */
export interface RowFilter {
  /** A condition for a WHERE clause, with `?` placeholders. */
  readonly sql: string;
  readonly params: readonly SqlValue[];
  /** The same condition over a row's values, in the table's column order. */
  matches(def: TableDef, values: readonly ColumnValue[]): boolean;
}

function valueOf(def: TableDef, values: readonly ColumnValue[], column: string): ColumnValue {
  return values[def.columns.findIndex((c) => c.name === column)] ?? null;
}

const federatedPools = [...federatedTableNames];

const partialTables: Readonly<Record<string, RowFilter>> = {
  logdb: {
    sql: 'fed_index IS NOT NULL AND fed_index <> ?',
    params: [UINT64_MAX],
    matches: (def, values) => {
      const index = valueOf(def, values, 'fed_index');
      return index !== null && BigInt(index) !== UINT64_MAX;
    },
  },
  pool_control: {
    sql: `tablename IN (${federatedPools.map(() => '?').join(', ')})`,
    params: federatedPools,
    matches: (def, values) => federatedTableNames.has(String(valueOf(def, values, 'tablename'))),
  },
};

/** The filter of a table whose federated backup holds only some rows; undefined otherwise. */
export function federatedRowFilter(table: string): RowFilter | undefined {
  return partialTables[table];
}

/** The part of `def` a backup of this kind holds; undefined when it holds none of it. */
export function partInBackup(def: TableDef, kind: BackupKind): TablePart | undefined {
  if (kind === 'full' || def.scope === 'federated') return 'all';
  return federatedRowFilter(def.name) ? 'federated' : undefined;
}

/** The tables a backup of this kind takes, in schema order, among those that exist. */
export function backupTables(
  kind: BackupKind,
  existing: ReadonlySet<string>,
): { def: TableDef; part: TablePart }[] {
  return tables.flatMap((def) => {
    const part = existing.has(def.name) ? partInBackup(def, kind) : undefined;
    return part ? [{ def, part }] : [];
  });
}
