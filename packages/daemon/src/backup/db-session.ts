// onedb's own connection to a database. The daemon's Database is shaped for the write
// path (creates what is missing, writes only WriteOps); onedb needs the opposite: a
// connection that creates nothing unless asked, runs DDL and bulk loads, holds one read
// snapshot across many statements, and streams big tables.
import { OneKitError } from '@onekit/core';
import type { Backend, ColumnValue, DbConfig, Row, SqlValue } from '../storage/index.js';
import { openSqliteSession } from './sqlite-session.js';

export interface DbSession {
  readonly backend: Backend;
  /** An identifier quoted for the dialect (names come from the schema or a checked file). */
  quote(name: string): string;
  /** One statement with a result set, rows decoded as the storage layer decodes them. */
  query(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** One statement without a result set; resolves to the rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** The rows of one SELECT, one array of values at a time, without holding them all. */
  stream(sql: string, params?: readonly SqlValue[]): AsyncIterable<ColumnValue[]>;
  /** The names of the tables of the database. */
  tableNames(): Promise<Set<string>>;
  close(): Promise<void>;
}

export interface OpenSessionOptions {
  /** Create the database (SQLite: the file; MySQL: the schema) when it does not exist. */
  readonly create: boolean;
  /** SQLite: open read-only (MySQL sessions only read what they are told to). */
  readonly readonly?: boolean;
}

/**
 * A session on the configured database; undefined when it does not exist and `create` is off.
 * The MySQL driver is loaded only for a MySQL database: onedb on SQLite starts without it.
 */
export async function openSession(
  config: DbConfig,
  o: OpenSessionOptions,
): Promise<DbSession | undefined> {
  if (config.backend === 'sqlite') return openSqliteSession(config.file, o);
  const { openMysqlSession } = await import('./mysql-session.js');
  return openMysqlSession(config, o);
}

/**
 * Starts the read transaction every later statement of `session` reads in: SQLite's starts at
 * its first read; MySQL's at once, on a snapshot of its own.
 */
export async function beginSnapshot(session: DbSession): Promise<void> {
  if (session.backend === 'sqlite') {
    await session.run('BEGIN');
    return;
  }
  await session.run('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
  await session.run('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
}

/** How a configured database is named in messages: its file, or `<db> at <server>`. */
export function databaseName(config: DbConfig): string {
  return config.backend === 'sqlite' ? config.file : `${config.dbName} at ${config.server}`;
}

/** The database to back up or inspect is not there. */
export function databaseMissing(config: DbConfig): OneKitError {
  return config.backend === 'sqlite'
    ? new OneKitError('STORAGE', `File ${config.file} doesn't exist`, { file: config.file })
    : new OneKitError('STORAGE', `MySQL database ${databaseName(config)} doesn't exist`, {
        field: 'dbName',
      });
}
