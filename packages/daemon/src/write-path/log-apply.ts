// Applying stored log entries inside a transaction of the log store: read them back from
// logdb, run their ops (or the writes computed for server changes and state checks), and
// mark them applied, all in the transaction the caller opened for its own writes.
import type { Database, WriteOp, WriteTransaction } from '../storage/index.js';
import type { LogRecord } from './log-entry.js';
import { logError, markAppliedOp, RECORD_COLUMNS, toRecord } from './log-rows.js';
import type { ComputedWrites } from './log-store.js';

export type Failures = { index: bigint; error: unknown }[];

/** An entry's ops failed on the quick path: its transaction is done again, entry by entry. */
class EntryOpsFailed extends Error {
  constructor(
    readonly index: bigint,
    cause: unknown,
  ) {
    super(`the ops of entry ${index} failed`, { cause });
  }
}

/** What the entries applied by one transaction wrote, for the caches that mirror it. */
export interface AppliedWrites {
  /** The tables their ops write (server changes write zone_pool). */
  readonly tables: ReadonlySet<string>;
  /**
   * The last id of each pool they recorded in pool_control; undefined when one of their
   * writes to pool_control says no value (read the table again).
   */
  readonly lastOids: ReadonlyMap<string, number> | undefined;
  /** Their ops, in order (an entry that failed and was rolled back is left out). */
  readonly ops: readonly WriteOp[];
}

export function appliedWrites(
  entries: readonly { readonly ops: readonly WriteOp[]; readonly server?: unknown }[],
): AppliedWrites {
  const tables = new Set<string>();
  let lastOids: Map<string, number> | undefined = new Map();
  const ops: WriteOp[] = [];
  for (const entry of entries) {
    for (const op of entry.ops) {
      ops.push(op);
      tables.add(op.table);
      if (op.table !== 'pool_control' || lastOids === undefined) continue;
      const { tablename, last_oid: last } = op.op === 'replace' ? op.row : {};
      if (typeof tablename !== 'string' || (typeof last !== 'bigint' && typeof last !== 'number')) {
        lastOids = undefined;
        continue;
      }
      lastOids.set(tablename, Math.max(lastOids.get(tablename) ?? -1, Number(last)));
    }
    if (entry.server !== undefined) tables.add('zone_pool');
  }
  return { tables, lastOids, ops };
}

export class StoredEntryApplier {
  constructor(
    private readonly db: Database,
    private readonly computed: ComputedWrites,
    private readonly now: () => number,
  ) {}

  /**
   * Runs `work` in a transaction where `apply(from, to)` applies stored entries. The ops
   * run without a savepoint first (two statements fewer per transaction, which a MariaDB
   * round trip makes worth it). If any entry's ops fail, the whole transaction is undone and
   * done again with each entry under its own savepoint, so that only the failing entries are
   * rolled back (and reported in `failed`).
   */
  async transaction<T>(
    work: (
      tx: WriteTransaction,
      apply: (from: bigint, to: bigint) => Promise<AppliedWrites>,
    ) => Promise<T>,
    failed: Failures,
    durability: 'full' | 'deferred',
  ): Promise<T> {
    const attempt = (careful: boolean): Promise<T> =>
      this.db.transaction(
        (tx) => work(tx, (from, to) => this.applyRange(tx, from, to, { careful, failed })),
        { durability },
      );
    try {
      return await attempt(false);
    } catch (err) {
      if (!(err instanceof EntryOpsFailed)) throw err;
      return attempt(true);
    }
  }

  /** Applies the stored entries from..to; resolves to the tables they wrote. */
  private async applyRange(
    tx: WriteTransaction,
    from: bigint,
    to: bigint,
    { careful, failed }: { careful: boolean; failed: Failures },
  ): Promise<AppliedWrites> {
    const rows = await tx.query(
      `SELECT ${RECORD_COLUMNS} FROM logdb WHERE log_index >= ? AND log_index <= ? ORDER BY log_index`,
      [from, to],
    );
    if (BigInt(rows.length) !== to - from + 1n) {
      throw logError(`entries ${from}..${to} are not all in the log`);
    }
    const records = rows.map(toRecord);
    const applied: LogRecord[] = [];
    for (const record of records) {
      if (careful) {
        const error = await this.applyAlone(tx, record);
        if (error !== undefined) failed.push({ index: record.index, error });
        else applied.push(record);
        continue;
      }
      applied.push(record);
      try {
        for (const op of await this.opsOf(tx, record)) await tx.run(op);
      } catch (cause) {
        throw new EntryOpsFailed(record.index, cause);
      }
    }
    const marked = await tx.run(markAppliedOp(from, to, this.now()));
    if (marked !== records.length) throw logError(`entries ${from}..${to} were applied already`);
    return appliedWrites(applied);
  }

  /** Applies one stored entry under its own savepoint; resolves to the ops' error, if any. */
  private async applyAlone(tx: WriteTransaction, record: LogRecord): Promise<unknown> {
    try {
      await tx.savepoint(async () => {
        for (const op of await this.opsOf(tx, record)) await tx.run(op);
      });
      return undefined;
    } catch (error) {
      return error;
    }
  }

  private async opsOf(tx: WriteTransaction, record: LogRecord): Promise<readonly WriteOp[]> {
    const { serverChangeWrites, stateCheckWrites } = this.computed;
    if (record.server !== undefined) {
      if (!serverChangeWrites) throw logError(`entry ${record.index} changes servers: not here`);
      return serverChangeWrites(tx, record.server);
    }
    if (record.check) {
      if (!stateCheckWrites) throw logError(`entry ${record.index} checks the state: not here`);
      return stateCheckWrites(tx, record.index);
    }
    return record.ops;
  }
}
