// A SQLite restore builds a new file beside the target (`<file>.onedb-restore`) in one
// transaction, then renames it over the target: the live file is whole until the rename,
// and the rename is atomic. A federated restore starts from a copy of the live file
// (VACUUM INTO), so its local tables come along unchanged.
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { isOneKitError } from '@onekit/core';
import { dirname } from 'node:path';
import type { ColumnValue, TableDef } from '../storage/index.js';
import { createIndexSql, createTableSql } from '../storage/index.js';
import { syncDirectory } from './backup-writer.js';
import type { DbSession } from './db-session.js';
import { logTailOf, type LogTail } from './federated-log-rows.js';
import type { RowFilter } from './federated-rows.js';
import type { RestoreTarget, RestoreTargetOptions } from './restore-target.js';
import { openSqliteSession } from './sqlite-session.js';
import { currentVersion } from './version-rows.js';

const JOURNALS = ['-journal', '-wal', '-shm'];

function removeWithJournals(file: string): void {
  for (const suffix of ['', ...JOURNALS]) rmSync(file + suffix, { force: true });
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Folds the live file's WAL into it before the WAL is removed, so that a crash before the
 * rename loses nothing. A live file SQLite cannot read is replaced as it is.
 */
async function foldWal(file: string): Promise<void> {
  try {
    const live = await openSqliteSession(file, { create: false });
    try {
      await live?.query('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      await live?.close();
    }
  } catch (err) {
    if (!isOneKitError(err, 'STORAGE')) throw err;
  }
}

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
    syncFile(this.temp);
    if (existsSync(this.file)) {
      await foldWal(this.file);
      chmodSync(this.temp, statSync(this.file).mode & 0o777);
    }
    // A WAL must never outlive the file it belongs to: the new file would replay it.
    for (const suffix of JOURNALS) rmSync(this.file + suffix, { force: true });
    renameSync(this.temp, this.file);
    syncDirectory(dirname(this.file));
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
  const temp = `${file}.onedb-restore`;
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
