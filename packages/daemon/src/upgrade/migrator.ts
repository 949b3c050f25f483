// A migrator moves one part of the database (the federated tables, or the zone's local
// ones) from one schema version to the next. Chains are plain lists of migrators.
import type { Backend, Row, SqlValue, IndexDef, WriteOp } from '../storage/index.js';

/** Which versioning table a chain advances. */
export type ChainName = 'shared' | 'local';

/**
 * What a migrator may do, on either backend: read, write through WriteOps, and change the
 * schema through the few DDL operations named here (dialect differences live in
 * migration-session.ts only). On MySQL each DDL statement commits on its own, so a
 * migrator must be safe to run again over its own partial work.
 */
export interface MigrationTransaction {
  readonly backend: Backend;
  query(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Resolves to the rows the op matched or wrote. */
  run(op: WriteOp): Promise<number>;
  /** Creates the index unless one of that name exists on the table. */
  createIndex(table: string, index: IndexDef): Promise<void>;
}

export interface Migrator {
  readonly from: string;
  readonly to: string;
  /** One line, shown as the step runs. */
  readonly description: string;
  migrate(tx: MigrationTransaction): Promise<void>;
}
