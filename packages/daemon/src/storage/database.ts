import type { Values, WriteOp } from './write-op.js';
import type { Row, SqlValue } from './values.js';

export type Backend = 'sqlite' | 'mysql';

/**
 * Reads, for everything in the daemon. The SQL is a SELECT in the subset both
 * dialects accept, with `?` placeholders; bigint parameters are exact on both backends,
 * including UINT64_MAX.
 */
export interface StorageReader {
  readonly backend: Backend;
  query(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

/** A transaction of the write path: reads see its own uncommitted writes. */
export interface WriteTransaction extends StorageReader {
  /** Runs one op; resolves to the rows it matched (update, delete) or wrote (insert, replace: 1). */
  run(op: WriteOp): Promise<number>;
  /** Inserts rows naming the same columns with one statement; resolves to how many. */
  insertRows(table: string, rows: readonly Values[]): Promise<number>;
  /** Runs `fn` under a savepoint: if it throws, only its own writes are undone. */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
}

export interface TransactionOptions {
  /**
   * 'full' (the default): durable when the transaction resolves. 'deferred': committed and
   * visible at once, made durable by the next 'full' commit (SQLite WAL keeps commits in
   * order, so a power loss can only drop a suffix of deferred ones); only for writes that
   * can be redone from what is already durable. MySQL/MariaDB commits every transaction
   * durably (its flush setting is server-wide).
   */
  readonly durability?: 'full' | 'deferred';
}

/**
 * The database as the write path sees it. Only the write path (packages/daemon/src/write-path)
 * opens transactions; the rest of the daemon gets the StorageReader side.
 */
export interface Database extends StorageReader {
  /** Creates every OpenNebula table and index that is missing; safe to run again. */
  createSchema(): Promise<void>;
  /** One transaction: committed durably when `fn` resolves, rolled back whole if it throws. */
  transaction<T>(
    fn: (tx: WriteTransaction) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T>;
  /**
   * One transaction of these writes, in order, with nothing to read between them (on
   * MySQL/MariaDB, a single round trip). Resolves to what each op matched or wrote, as
   * WriteTransaction.run does; rolled back whole if any op fails.
   */
  commitWrites(ops: readonly WriteOp[], options?: TransactionOptions): Promise<number[]>;
  close(): Promise<void>;
}
