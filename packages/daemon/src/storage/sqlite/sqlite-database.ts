import BetterSqlite3 from 'better-sqlite3';
import { OneKitError } from '@onekit/core';
import type { SqliteConfig } from '../config.js';
import type { Database, TransactionOptions, WriteTransaction } from '../database.js';
import { opFailed, queryFailed, WritesRefused } from '../errors.js';
import { assertReadStatement } from '../read-statement.js';
import { createIndexSql, createTableSql } from '../schema/ddl.js';
import { tables } from '../schema/tables.js';
import { SerialQueue } from '../serial-queue.js';
import type { Row, SqlValue } from '../values.js';
import { batchCounts, compileBatch } from '../write-batch.js';
import {
  compileOp,
  compileRows,
  type CompiledStatement,
  type Values,
  type WriteOp,
} from '../write-op.js';
import { bindSqlite, rowDecoder } from './sqlite-values.js';
import { WalSync } from './wal-sync.js';

type Connection = BetterSqlite3.Database;

const quote = (name: string): string => `"${name}"`;

/** Statements kept prepared per connection; the daemon's SQL texts are far fewer. */
const MAX_CACHED_STATEMENTS = 500;

/** A SELECT prepared to read raw rows with exact integers, and the decoder of its rows. */
interface ReadStatement {
  readonly statement: BetterSqlite3.Statement;
  readonly decode: (raw: unknown[]) => Row;
}

/** Prepared statements of one connection, kept by SQL text. */
class StatementCache {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly reads = new Map<string, ReadStatement>();

  constructor(private readonly connection: Connection) {}

  get(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      // A caller that builds SQL texts by the thousand must not grow this without end.
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** The read statement of `sql` (checked to be a SELECT when first prepared). */
  read(sql: string): ReadStatement {
    let read = this.reads.get(sql);
    if (!read) {
      assertReadStatement(sql);
      if (this.reads.size >= MAX_CACHED_STATEMENTS) this.reads.clear();
      const statement = this.connection.prepare(sql).safeIntegers(true).raw(true);
      read = { statement, decode: rowDecoder(statement.columns()) };
      this.reads.set(sql, read);
    }
    return read;
  }
}

function select(cache: StatementCache, sql: string, params: readonly SqlValue[]): Row[] {
  try {
    const { statement, decode } = cache.read(sql);
    return (statement.all(...params.map(bindSqlite)) as unknown[][]).map(decode);
  } catch (err) {
    throw err instanceof OneKitError ? err : queryFailed(err);
  }
}

/** Runs a statement that writes `op` (and maybe more rows like it); what it matched. */
function runWrite(cache: StatementCache, { sql, params }: CompiledStatement, op: WriteOp): number {
  try {
    return cache.get(sql).run(...params.map(bindSqlite)).changes;
  } catch (err) {
    throw opFailed(op, err);
  }
}

class SqliteTransaction implements WriteTransaction {
  readonly backend = 'sqlite';
  private depth = 0;
  private open = true;

  constructor(
    private readonly connection: Connection,
    private readonly cache: StatementCache,
  ) {}

  end(): void {
    this.open = false;
  }

  private checkOpen(): void {
    if (!this.open)
      throw new OneKitError('STORAGE', 'transaction already ended', { field: 'transaction' });
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    this.checkOpen();
    return select(this.cache, sql, params);
  }

  async run(op: WriteOp): Promise<number> {
    this.checkOpen();
    const changes = runWrite(this.cache, compileOp(op, quote), op);
    return op.op === 'insert' || op.op === 'replace' ? 1 : changes;
  }

  async insertRows(table: string, rows: readonly Values[]): Promise<number> {
    this.checkOpen();
    const statement = compileRows({ op: 'insert', table }, rows, quote);
    runWrite(this.cache, statement, { op: 'insert', table, row: rows[0]! });
    return rows.length;
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    this.checkOpen();
    const name = `sp${++this.depth}`;
    this.connection.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      this.connection.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      this.connection.exec(`ROLLBACK TO ${name}`);
      this.connection.exec(`RELEASE ${name}`);
      throw err;
    } finally {
      this.depth--;
    }
  }
}

/**
 * SQLite through better-sqlite3: one connection writes (WAL, synchronous=NORMAL; a 'full'
 * transaction resolves once an fdatasync of the WAL, off the main thread, covered its
 * commit, see wal-sync.ts; a 'deferred' one resolves at once, and the next sync covers it),
 * a second read-only one serves reads, which therefore never see a transaction in progress.
 */
export class SqliteDatabase implements Database {
  readonly backend = 'sqlite';
  private readonly queue = new SerialQueue();
  private readonly writerStatements: StatementCache;
  private readonly readerStatements: StatementCache;

  private constructor(
    private readonly writer: Connection,
    private readonly reader: Connection,
    private readonly wal: WalSync,
  ) {
    this.writerStatements = new StatementCache(writer);
    this.readerStatements = new StatementCache(reader);
  }

  static open(config: SqliteConfig): SqliteDatabase {
    let writer: Connection | undefined;
    try {
      writer = new BetterSqlite3(config.file);
      const mode = writer.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, not wal`);
      writer.pragma('synchronous = NORMAL');
      const reader = new BetterSqlite3(config.file, { readonly: true, fileMustExist: true });
      return new SqliteDatabase(writer, reader, new WalSync(`${config.file}-wal`));
    } catch (err) {
      writer?.close();
      throw new OneKitError(
        'STORAGE',
        `cannot open ${config.file}`,
        { file: config.file },
        { cause: err },
      );
    }
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return select(this.readerStatements, sql, params);
  }

  createSchema(): Promise<void> {
    return this.queue.run(async () => {
      try {
        this.writer.transaction(() => {
          for (const table of tables) {
            this.writer.exec(createTableSql(table));
            for (const index of table.indexes) {
              this.writer.exec(createIndexSql(table, index, { ifNotExists: true }));
            }
          }
        })();
      } catch (err) {
        throw new OneKitError(
          'STORAGE',
          'cannot create the schema',
          { field: 'schema' },
          { cause: err },
        );
      }
    });
  }

  transaction<T>(
    fn: (tx: WriteTransaction) => Promise<T>,
    { durability = 'full' }: TransactionOptions = {},
  ): Promise<T> {
    return this.inTransaction(async () => {
      const tx = new SqliteTransaction(this.writer, this.writerStatements);
      try {
        return await fn(tx);
      } finally {
        tx.end();
      }
    }, durability);
  }

  /**
   * The writes run in one synchronous stretch (no other work of the process waits between
   * them, nor they on the event loop), as the statements of write-batch.ts.
   */
  commitWrites(
    ops: readonly WriteOp[],
    { durability = 'full' }: TransactionOptions = {},
  ): Promise<number[]> {
    return this.inTransaction(async () => {
      try {
        const statements = compileBatch(ops, quote);
        const matched = statements.map((statement) =>
          runWrite(this.writerStatements, statement, ops[statement.ops[0]!]!),
        );
        return batchCounts(ops, statements, matched);
      } catch (err) {
        throw new WritesRefused((err as Error).message, err);
      }
    }, durability);
  }

  /** `work` between BEGIN and COMMIT, rolled back if it throws; 'full' waits for the sync. */
  private inTransaction<T>(
    work: () => Promise<T>,
    durability: NonNullable<TransactionOptions['durability']>,
  ): Promise<T> {
    const committed = this.queue.run(async () => {
      this.writer.exec('BEGIN IMMEDIATE');
      let result: T;
      try {
        result = await work();
      } catch (err) {
        this.rollback();
        throw err;
      }
      this.commit();
      return result;
    });
    return durability === 'deferred' ? committed : committed.then((r) => this.durable(r));
  }

  /** Some failures (disk full, I/O) already ended the transaction inside SQLite. */
  private rollback(): void {
    if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
  }

  private commit(): void {
    try {
      this.writer.exec('COMMIT');
    } catch (err) {
      this.rollback();
      throw new OneKitError('STORAGE', 'commit failed', { field: 'transaction' }, { cause: err });
    }
  }

  private async durable<T>(result: T): Promise<T> {
    try {
      await this.wal.sync();
    } catch (err) {
      throw new OneKitError(
        'STORAGE',
        'the commit could not be made durable',
        { field: 'transaction' },
        { cause: err },
      );
    }
    return result;
  }

  close(): Promise<void> {
    return this.queue.run(async () => {
      await this.wal.close();
      this.reader.close();
      this.writer.close();
    });
  }
}
