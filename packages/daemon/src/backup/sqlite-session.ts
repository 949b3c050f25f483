// The SQLite side of onedb's sessions: better-sqlite3, integers read exactly (BIGINT
// UNSIGNED by its two's-complement pattern, as the daemon stores it) and decoded by the
// columns' declared types, like the daemon's own reads.
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { OneKitError } from '@onekit/core';
import { queryFailed } from '../storage/errors.js';
import { bindSqlite, rowDecoder } from '../storage/sqlite/sqlite-values.js';
import type { ColumnValue, Row, SqlValue } from '../storage/index.js';
import type { DbSession, OpenSessionOptions } from './db-session.js';

/** How long a statement waits for a lock another connection holds. */
export const BUSY_TIMEOUT_MS = 5000;

class SqliteSession implements DbSession {
  readonly backend = 'sqlite';
  readonly quote = (name: string): string => `"${name}"`;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly connection: BetterSqlite3.Database) {}

  private prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    try {
      const statement = this.prepare(sql).safeIntegers(true).raw(true);
      const decode = rowDecoder(statement.columns());
      return (statement.all(...params.map(bindSqlite)) as unknown[][]).map(decode);
    } catch (err) {
      throw queryFailed(err);
    }
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    try {
      return this.prepare(sql).run(...params.map(bindSqlite)).changes;
    } catch (err) {
      throw queryFailed(err);
    }
  }

  async *stream(sql: string, params: readonly SqlValue[] = []): AsyncIterable<ColumnValue[]> {
    let rows: IterableIterator<unknown[]>;
    let names: string[];
    let decode: (raw: unknown[]) => Row;
    try {
      // Not cached: an iterating statement cannot run again until it is done.
      const statement = this.connection.prepare(sql).safeIntegers(true).raw(true);
      const columns = statement.columns();
      names = columns.map((c) => c.name);
      decode = rowDecoder(columns);
      rows = statement.iterate(...params.map(bindSqlite)) as IterableIterator<unknown[]>;
    } catch (err) {
      throw queryFailed(err);
    }
    for (const raw of rows) {
      const row = decode(raw);
      yield names.map((name) => row[name]!);
    }
  }

  async tableNames(): Promise<Set<string>> {
    const rows = await this.query("SELECT name FROM sqlite_master WHERE type = 'table'");
    return new Set(rows.map((row) => String(row.name)));
  }

  async close(): Promise<void> {
    this.connection.close();
  }
}

/** A session over a connection the caller opened; closing the session closes it. */
export function sqliteSessionOf(connection: BetterSqlite3.Database): DbSession {
  return new SqliteSession(connection);
}

export async function openSqliteSession(
  file: string,
  o: OpenSessionOptions,
): Promise<DbSession | undefined> {
  if (!o.create && !existsSync(file)) return undefined;
  try {
    const connection = new BetterSqlite3(file, {
      readonly: o.readonly ?? false,
      fileMustExist: !o.create,
      timeout: BUSY_TIMEOUT_MS,
    });
    return new SqliteSession(connection);
  } catch (err) {
    throw new OneKitError('STORAGE', `cannot open ${file}`, { file }, { cause: err });
  }
}
