// The one place where the dialects of an upgrade differ: how a transaction starts, how DDL
// behaves inside it, and how an existing index is found. Writes are WriteOps, compiled as
// the daemon compiles them.
import type { DbSession } from '../backup/db-session.js';
import {
  compileOp,
  createIndexSql,
  findTable,
  type IndexDef,
  type Row,
  type SqlValue,
  type WriteOp,
} from '../storage/index.js';
import { OneKitError } from '@onekit/core';
import type { MigrationTransaction } from './migrator.js';

export class MigrationSession implements MigrationTransaction {
  constructor(private readonly session: DbSession) {}

  get backend() {
    return this.session.backend;
  }

  /**
   * SQLite runs DDL inside a transaction, so the whole upgrade is one; MySQL commits at
   * every DDL statement, so its transaction only groups the writes between them.
   */
  get atomic(): boolean {
    return this.session.backend === 'sqlite';
  }

  begin(): Promise<number> {
    return this.session.run(this.atomic ? 'BEGIN IMMEDIATE' : 'START TRANSACTION');
  }

  commit(): Promise<number> {
    return this.session.run('COMMIT');
  }

  rollback(): Promise<number> {
    return this.session.run('ROLLBACK');
  }

  query(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return this.session.query(sql, params);
  }

  run(op: WriteOp): Promise<number> {
    const { sql, params } = compileOp(op, this.session.quote);
    return this.session.run(sql, params);
  }

  async createIndex(table: string, index: IndexDef): Promise<void> {
    const def = findTable(table);
    if (!def) throw new OneKitError('STORAGE', `unknown table ${table}`, { field: table });
    const existing =
      this.backend === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name = ?"
        : 'SELECT index_name FROM information_schema.statistics ' +
          'WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ?';
    if ((await this.query(existing, [table, index.name])).length > 0) return;
    await this.session.run(createIndexSql(def, index));
  }
}
