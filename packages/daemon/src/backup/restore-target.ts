// Where a restore builds the new database before it replaces the live one: a new SQLite
// file beside the target, or new tables in the MySQL database. Nothing the live database
// holds changes until swap(); discard() drops what was built.
import type { ColumnValue, DbConfig, TableDef } from '../storage/index.js';
import type { LogTail } from './federated-log-rows.js';
import type { RowFilter } from './federated-rows.js';
import { openSqliteRestoreTarget } from './sqlite-restore-target.js';

export interface RestoreTarget {
  /** A table of the backup, empty, in the new database; it replaces the live one. */
  createTable(def: TableDef): Promise<void>;
  /**
   * A table whose rows outside `filter` (the local ones) stay: they are carried over from the
   * live table, if there is one. Resolves to how many were kept.
   */
  keepLocalRows(def: TableDef, filter: RowFilter): Promise<number>;
  insert(def: TableDef, values: readonly ColumnValue[]): Promise<void>;
  /**
   * Tables whose rows may be inserted at the same time, interleaved (absent: 1, rows come
   * in file order). Each table loaded that way ends with finishTable.
   */
  readonly loadConcurrency?: number;
  /** Every row of `def` inserted so far is in the new database once this resolves. */
  finishTable?(def: TableDef): Promise<void>;
  /** Everything inserted is in the new database once this resolves. */
  finishLoad(): Promise<void>;
  /** Rows of a table of the new database. */
  count(table: string): Promise<number>;
  /** The rows of a table of the new database (after finishLoad), in no particular order. */
  rows(def: TableDef): AsyncIterable<ColumnValue[]>;
  /** The highest record of logdb in the new database (index 0, term 0 when it has none). */
  logTail(): Promise<LogTail>;
  /** The current version in a version table of the new database; undefined when there is none. */
  version(table: string): Promise<string | undefined>;
  /** Puts the new database in place of the live one. */
  swap(): Promise<void>;
  /** Drops whatever was built; the live database stays as it was. */
  discard(): Promise<void>;
}

export interface RestoreTargetOptions {
  /** Start from a copy of the live database (a federated restore keeps its local tables). */
  readonly fromLive: boolean;
}

export async function openRestoreTarget(
  db: DbConfig,
  o: RestoreTargetOptions,
): Promise<RestoreTarget> {
  if (db.backend === 'sqlite') return openSqliteRestoreTarget(db.file, o);
  const { openMysqlRestoreTarget } = await import('./mysql-restore-target.js');
  return openMysqlRestoreTarget(db, o);
}
