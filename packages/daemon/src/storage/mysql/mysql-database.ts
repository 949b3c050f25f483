import mysql, {
  type Pool,
  type PoolConnection,
  type ResultSetHeader,
  type RowDataPacket,
} from 'mysql2/promise';
import { OneKitError } from '@onekit/core';
import { MYSQL_DEFAULT_CONNECTIONS, MYSQL_DEFAULT_PORT, type MysqlConfig } from '../config.js';
import type { Database, WriteTransaction } from '../database.js';
import { opFailed, queryFailed, WritesRefused } from '../errors.js';
import { assertReadStatement } from '../read-statement.js';
import { createIndexSql, createTableSql } from '../schema/ddl.js';
import { tables } from '../schema/tables.js';
import type { Row, SqlValue } from '../values.js';
import { batchCounts, compileBatch } from '../write-batch.js';
import { compileOp, compileRows, type Values, type WriteOp } from '../write-op.js';
import { inlineStatement } from './mysql-literals.js';
import { bindMysql, decodeMysqlRows } from './mysql-values.js';

type Executor = Pick<PoolConnection, 'execute'>;

const quote = (name: string): string => `\`${name}\``;

const ER_DUP_KEYNAME = 'ER_DUP_KEYNAME';
const MAX_PREPARED_PER_CONNECTION = 256;

async function select(
  executor: Executor,
  sql: string,
  params: readonly SqlValue[],
): Promise<Row[]> {
  assertReadStatement(sql);
  try {
    const [rows, fields] = await executor.execute<RowDataPacket[]>(sql, params.map(bindMysql));
    return decodeMysqlRows(rows, fields);
  } catch (err) {
    throw queryFailed(err);
  }
}

class MysqlTransaction implements WriteTransaction {
  readonly backend = 'mysql';
  private depth = 0;
  private open = true;

  constructor(private readonly connection: PoolConnection) {}

  end(): void {
    this.open = false;
  }

  private checkOpen(): void {
    if (!this.open)
      throw new OneKitError('STORAGE', 'transaction already ended', { field: 'transaction' });
  }

  query(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    this.checkOpen();
    return select(this.connection, sql, params);
  }

  async run(op: WriteOp): Promise<number> {
    this.checkOpen();
    const { sql, params } = compileOp(op, quote);
    try {
      const [result] = await this.connection.execute<ResultSetHeader>(sql, params.map(bindMysql));
      return op.op === 'insert' || op.op === 'replace' ? 1 : result.affectedRows;
    } catch (err) {
      throw opFailed(op, err);
    }
  }

  async insertRows(table: string, rows: readonly Values[]): Promise<number> {
    this.checkOpen();
    const { sql, params } = compileRows({ op: 'insert', table }, rows, quote);
    try {
      await this.connection.execute<ResultSetHeader>(sql, params.map(bindMysql));
      return rows.length;
    } catch (err) {
      throw opFailed({ op: 'insert', table, row: rows[0]! }, err);
    }
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    this.checkOpen();
    const name = `sp${++this.depth}`;
    await this.connection.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      await this.connection.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      await this.connection.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await this.connection.query(`RELEASE SAVEPOINT ${name}`);
      throw err;
    } finally {
      this.depth--;
    }
  }
}

/** The pool's queryFormat: a text query goes out as written, and never takes values. */
export function sentAsWritten(sql: string, values: unknown): string {
  if (Array.isArray(values) && values.length > 0) {
    throw new OneKitError('STORAGE', 'a text query was given values: use execute', {
      field: 'sql',
    });
  }
  return sql;
}

/**
 * MySQL/MariaDB through a mysql2 pool of `connections` connections. The database is
 * created if missing (as oned does), in utf8mb4 so that any name fits. Durability is
 * InnoDB's: a commit returns once the redo log is flushed (innodb_flush_log_at_trx_commit=1,
 * the server default).
 */
export class MysqlDatabase implements Database {
  readonly backend = 'mysql';

  private constructor(private readonly pool: Pool) {}

  static async open(config: MysqlConfig): Promise<MysqlDatabase> {
    const port = config.port || MYSQL_DEFAULT_PORT;
    const options = {
      host: config.server,
      port,
      user: config.user,
      password: config.passwd ?? '',
      charset: 'utf8mb4',
      supportBigNumbers: true,
      bigNumberStrings: true,
      jsonStrings: true,
    };
    let admin: mysql.Connection;
    try {
      admin = await mysql.createConnection(options);
    } catch (err) {
      throw new OneKitError(
        'CONNECTION',
        `cannot connect to MySQL at ${config.server}:${port}`,
        { field: 'server' },
        { cause: err },
      );
    }
    try {
      await admin.query(
        `CREATE DATABASE IF NOT EXISTS ${quote(config.dbName)} CHARACTER SET utf8mb4`,
      );
    } catch (err) {
      throw new OneKitError(
        'STORAGE',
        `cannot create database ${config.dbName}`,
        { field: 'dbName' },
        { cause: err },
      );
    } finally {
      await admin.end();
    }
    const pool = mysql.createPool({
      ...options,
      database: config.dbName,
      connectionLimit: config.connections ?? MYSQL_DEFAULT_CONNECTIONS,
      // Server-side statements per connection: the server caps the total (16382 by default).
      maxPreparedStatements: MAX_PREPARED_PER_CONNECTION,
      // For commitWrites only: every other statement is prepared, one per execute.
      multipleStatements: true,
      // Text queries carry their values written in (commitWrites) or none: they go out as
      // they are, not scanned for placeholders (a batch's text runs to hundreds of KiB).
      queryFormat: sentAsWritten,
    });
    return new MysqlDatabase(pool);
  }

  query(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return select(this.pool, sql, params);
  }

  async createSchema(): Promise<void> {
    try {
      for (const table of tables) {
        await this.pool.query(createTableSql(table));
        for (const index of table.indexes) {
          const [found] = await this.pool.execute<RowDataPacket[]>(
            'SELECT 1 FROM information_schema.statistics ' +
              'WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ? LIMIT 1',
            [table.name, index.name],
          );
          if (found.length === 0) await this.createIndex(createIndexSql(table, index));
        }
      }
    } catch (err) {
      throw new OneKitError(
        'STORAGE',
        'cannot create the schema',
        { field: 'schema' },
        { cause: err },
      );
    }
  }

  /** Creates an index; another process creating it at the same moment is as good. */
  private async createIndex(sql: string): Promise<void> {
    try {
      await this.pool.query(sql);
    } catch (err) {
      if ((err as { code?: unknown }).code !== ER_DUP_KEYNAME) throw err;
    }
  }

  private async connection(): Promise<PoolConnection> {
    try {
      return await this.pool.getConnection();
    } catch (err) {
      throw new OneKitError(
        'CONNECTION',
        'no database connection',
        { field: 'server' },
        { cause: err },
      );
    }
  }

  /** Always durable: InnoDB's flush setting is server-wide (see TransactionOptions). */
  async transaction<T>(fn: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    const connection = await this.connection();
    // A connection whose transaction state is unknown is closed, never handed out again.
    let reusable = false;
    try {
      await connection.query('START TRANSACTION');
      const tx = new MysqlTransaction(connection);
      let result: T;
      try {
        result = await fn(tx);
      } catch (err) {
        await connection.query('ROLLBACK');
        reusable = true;
        throw err;
      } finally {
        tx.end();
      }
      try {
        await connection.query('COMMIT');
      } catch (err) {
        throw new OneKitError('STORAGE', 'commit failed', { field: 'transaction' }, { cause: err });
      }
      reusable = true;
      return result;
    } finally {
      if (reusable) connection.release();
      else connection.destroy();
    }
  }

  /**
   * One multi-statement query from START TRANSACTION to COMMIT, of the statements of
   * write-batch.ts with their values written in (see mysql-literals.ts).
   */
  async commitWrites(ops: readonly WriteOp[]): Promise<number[]> {
    if (ops.length === 0) return [];
    const batch = compileBatch(ops, quote);
    const statements = batch.map(inlineStatement);
    const connection = await this.connection();
    let reusable = false;
    try {
      const [results] = await connection.query<ResultSetHeader[]>(
        ['START TRANSACTION', ...statements, 'COMMIT'].join(';\n'),
      );
      reusable = true;
      const matched = batch.map((_, s) => results[s + 1]!.affectedRows);
      return batchCounts(ops, batch, matched);
    } catch (err) {
      // The statements after the failing one did not run; the transaction is still open.
      try {
        await connection.query('ROLLBACK');
        reusable = true;
      } catch {
        // The connection is gone: it is not handed out again.
      }
      const reason = `a transaction of ${ops.length} writes failed: ${(err as Error).message}`;
      // The server's own refusal (it has an error number), rolled back: nothing was written.
      // A broken connection leaves the outcome unknown.
      const refused = reusable && typeof (err as { errno?: unknown }).errno === 'number';
      if (refused) throw new WritesRefused(reason, err);
      throw new OneKitError('STORAGE', reason, { field: 'transaction' }, { cause: err });
    } finally {
      if (reusable) connection.release();
      else connection.destroy();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
