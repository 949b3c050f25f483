// A SQLite restore builds a new file beside the target (`<file>.onedb-restore`) in one
// transaction, then renames it over the target: the live file is whole until the rename,
// and the rename is atomic. A federated restore starts from a copy of the live file
// (VACUUM INTO), so its local tables come along unchanged.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ColumnValue, TableDef } from '../storage/index.js';
import { createIndexSql, createTableSql } from '../storage/index.js';
import type { DbSession } from './db-session.js';
import { logTailOf, type LogTail } from './federated-log-rows.js';
import type { RowFilter } from './federated-rows.js';
import type { RestoreTarget, RestoreTargetOptions } from './restore-target.js';
import { removeWithJournals, restoreFileOf, swapSqliteFile } from './sqlite-file-swap.js';
import { openSqliteSession } from './sqlite-session.js';
import { currentVersion } from './version-rows.js';

class SqliteRestoreTarget implements RestoreTarget {
  private inTransaction = true;
  private open = true;

  constructor(
    private readonly file: string,
    private readonly temp: string,
    private readonly session: DbSession,
  ) {}

  private async tableExists(name: string): Promise<boolean> {
    return (await this.session.tableNames()).has(name);
  }

  async createTable(def: TableDef): Promise<void> {
    await this.session.run(`DROP TABLE IF EXISTS ${this.session.quote(def.name)}`);
    await this.session.run(createTableSql(def));
    for (const index of def.indexes) await this.session.run(createIndexSql(def, index));
  }

  async keepLocalRows(def: TableDef, filter: RowFilter): Promise<number> {
    if (!(await this.tableExists(def.name))) {
      await this.createTable(def);
      return 0;
    }
    await this.session.run(`DELETE FROM ${this.session.quote(def.name)} WHERE ${filter.sql}`, [
      ...filter.params,
    ]);
    return this.count(def.name);
  }

  async insert(def: TableDef, values: readonly ColumnValue[]): Promise<void> {
    const q = this.session.quote;
    const columns = def.columns.map((c) => q(c.name)).join(', ');
    const marks = def.columns.map(() => '?').join(', ');
    await this.session.run(`INSERT INTO ${q(def.name)} (${columns}) VALUES (${marks})`, values);
  }

  async finishLoad(): Promise<void> {
    await this.session.run('COMMIT');
    this.inTransaction = false;
  }

  async count(table: string): Promise<number> {
    const [row] = await this.session.query(
      `SELECT COUNT(*) AS n FROM ${this.session.quote(table)}`,
    );
    return Number(row!.n);
  }

  rows(def: TableDef): AsyncIterable<ColumnValue[]> {
    const q = this.session.quote;
    return this.session.stream(
      `SELECT ${def.columns.map((c) => q(c.name)).join(', ')} FROM ${q(def.name)}`,
    );
  }

  async logTail(): Promise<LogTail> {
    return logTailOf(this.session, 'logdb');
  }

  async version(table: string): Promise<string | undefined> {
    if (!(await this.tableExists(table))) return undefined;
    return (await currentVersion(this.session, table))?.version;
  }

  async swap(): Promise<void> {
    this.open = false;
    await this.session.close();
    await swapSqliteFile(this.temp, this.file);
  }

  async discard(): Promise<void> {
    if (this.open) {
      this.open = false;
      if (this.inTransaction) await this.session.run('ROLLBACK');
      await this.session.close();
    }
    removeWithJournals(this.temp);
  }
}

export async function openSqliteRestoreTarget(
  file: string,
  o: RestoreTargetOptions,
): Promise<RestoreTarget> {
  const temp = restoreFileOf(file);
  removeWithJournals(temp);
  mkdirSync(dirname(file), { recursive: true });
  if (o.fromLive) {
    const live = await openSqliteSession(file, { create: false, readonly: true });
    if (live) {
      try {
        await live.run('VACUUM INTO ?', [temp]);
      } finally {
        await live.close();
      }
    }
  }
  const session = (await openSqliteSession(temp, { create: true }))!;
  try {
    await session.query('PRAGMA journal_mode = DELETE');
    await session.run('BEGIN');
  } catch (err) {
    await session.close();
    removeWithJournals(temp);
    throw err;
  }
  return new SqliteRestoreTarget(file, temp, session);
}
