// The MySQL/MariaDB side of onedb's sessions: one mysql2 connection (a snapshot or a
// restore needs every statement on the same connection), utf8mb4, BIGINT read exactly.
// Statements go over the text protocol, so a bulk INSERT can carry any number of rows.
import type { Connection as CallbackConnection } from 'mysql2';
import mysql, { type FieldPacket, type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';
import { OneKitError } from '@onekit/core';
import { queryFailed } from '../storage/errors.js';
import { decodeMysqlRows } from '../storage/mysql/mysql-values.js';
import {
  checkDbConfig,
  integerValue,
  MYSQL_DEFAULT_PORT,
  type ColumnValue,
  type MysqlConfig,
  type Row,
  type SqlValue,
} from '../storage/index.js';
import type { DbSession, OpenSessionOptions } from './db-session.js';

const LONGLONG = 8;

type Values = (string | number | bigint | boolean | null)[];

export const quoteMysql = (name: string): string => `\`${name}\``;

class MysqlSession implements DbSession {
  readonly backend = 'mysql';
  readonly quote = quoteMysql;

  constructor(private readonly connection: mysql.Connection) {}

  async query(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    try {
      const [rows, fields] = await this.connection.query<RowDataPacket[]>({
        sql,
        values: params as Values,
      });
      return decodeMysqlRows(rows, fields);
    } catch (err) {
      throw queryFailed(err);
    }
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    try {
      const [result] = await this.connection.query<ResultSetHeader>({
        sql,
        values: params as Values,
      });
      return result.affectedRows ?? 0;
    } catch (err) {
      throw queryFailed(err);
    }
  }

  async *stream(sql: string, params: readonly SqlValue[] = []): AsyncIterable<ColumnValue[]> {
    // Streams exist on the callback connection the promise wrapper holds (untyped there).
    const core = (this.connection as unknown as { connection: CallbackConnection }).connection;
    const rows = core.query({ sql, values: params as Values, rowsAsArray: true }).stream();
    let fields: readonly FieldPacket[] = [];
    rows.on('fields', (f: FieldPacket[]) => (fields = f));
    try {
      for await (const raw of rows as AsyncIterable<unknown[]>) {
        yield raw.map((value, i) => decodeValue(value, fields[i]));
      }
    } catch (err) {
      throw queryFailed(err);
    }
  }

  async tableNames(): Promise<Set<string>> {
    const rows = await this.query(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
    );
    return new Set(rows.map((row) => String(row.name)));
  }

  close(): Promise<void> {
    return this.connection.end();
  }
}

/** BIGINT arrives as a decimal string (bigNumberStrings): a table column becomes a bigint. */
function decodeValue(value: unknown, field: FieldPacket | undefined): ColumnValue {
  if (field?.columnType === LONGLONG && typeof value === 'string') {
    return field.orgTable ? BigInt(value) : integerValue(BigInt(value));
  }
  return value as ColumnValue;
}

export async function openMysqlSession(
  config: MysqlConfig,
  o: OpenSessionOptions,
): Promise<DbSession | undefined> {
  checkDbConfig(config);
  const port = config.port || MYSQL_DEFAULT_PORT;
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection({
      host: config.server,
      port,
      user: config.user,
      password: config.passwd ?? '',
      charset: 'utf8mb4',
      supportBigNumbers: true,
      bigNumberStrings: true,
      jsonStrings: true,
    });
  } catch (err) {
    throw new OneKitError(
      'CONNECTION',
      `cannot connect to MySQL at ${config.server}:${port}`,
      { field: 'server' },
      { cause: err },
    );
  }
  const session = new MysqlSession(connection);
  try {
    const found = await session.query(
      'SELECT schema_name FROM information_schema.schemata WHERE schema_name = ?',
      [config.dbName],
    );
    if (found.length === 0) {
      if (!o.create) {
        await session.close();
        return undefined;
      }
      await session.run(
        `CREATE DATABASE IF NOT EXISTS ${quoteMysql(config.dbName)} CHARACTER SET utf8mb4`,
      );
    }
    await session.run(`USE ${quoteMysql(config.dbName)}`);
    return session;
  } catch (err) {
    await session.close();
    throw err;
  }
}
