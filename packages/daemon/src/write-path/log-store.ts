import { OneKitError } from '@onekit/core';
import {
  SerialQueue,
  UINT64_MAX,
  type Database,
  type WriteOp,
  type WriteTransaction,
} from '../storage/index.js';
import type { Clock, EncodedEntry, HardState, LogEntry, LogRecord } from './log-entry.js';
import type { ServerChangeWrites } from './server-change.js';
import { purgeApplied, type PurgeOptions } from './log-purge.js';
import {
  insertRecord,
  loadTail,
  logError,
  RECORD_COLUMNS,
  toBigInt,
  toRecord,
  type Tail,
} from './log-rows.js';
import { applyProposals, type Proposal, type ProposalOutcome } from './proposals.js';
import { decodeHardState, encodeHardState, INITIAL_HARD_STATE, RAFT_STATE } from './raft-state.js';

export interface ApplyReport {
  /** Entries whose ops the database refused: rolled back, yet marked applied, as oned does. */
  readonly failed: readonly { readonly index: bigint; readonly error: unknown }[];
}

/** How the entries that carry no writes of their own are applied (computed on each server). */
export interface ComputedWrites {
  readonly serverChangeWrites?: ServerChangeWrites;
  /** A state check at `index`: records the hash of the state as applied up to it. */
  readonly stateCheckWrites?: (tx: WriteTransaction, index: bigint) => Promise<readonly WriteOp[]>;
}

/** Entries applied per transaction by applyUpTo. */
const APPLY_CHUNK = 500n;

function checkCount(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new OneKitError('STORAGE', `${field} must be a whole number of at least 1`, { field });
  }
}

/**
 * logdb and the Raft state, over one Database. This process is the log's only writer:
 * mutations run one at a time, and the tail (last index, term, applied) is kept in memory.
 * The Raft shell uses append / entries / truncateFrom / applyUpTo / saveHardState; a
 * standalone server uses commitProposals, which assigns indexes and applies at once.
 */
/** Told, after each transaction that applied entries, which tables those entries wrote. */
export type AppliedListener = (tables: ReadonlySet<string>) => void;

function tablesOf(
  entries: readonly { readonly ops: readonly WriteOp[]; readonly server?: unknown }[],
): Set<string> {
  const tables = new Set<string>();
  for (const entry of entries) {
    for (const op of entry.ops) tables.add(op.table);
    if (entry.server !== undefined) tables.add('zone_pool');
  }
  return tables;
}

export class LogStore {
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<AppliedListener>();

  private constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private tail: Tail,
    private hard: HardState,
    private readonly computed: ComputedWrites,
  ) {}

  /**
   * Opens the log of a database whose schema exists; creates record 0 and RAFT_STATE if
   * missing. `serverChangeWrites` computes what an entry changing a zone's servers writes;
   * without it such an entry fails to apply.
   */
  static async open(
    db: Database,
    { clock, ...computed }: { clock: Clock } & ComputedWrites,
  ): Promise<LogStore> {
    const timestamp = Math.floor(clock() / 1000);
    const { tail, hard } = await db.transaction(async (tx) => {
      const [zero] = await tx.query('SELECT log_index FROM logdb WHERE log_index = 0');
      if (!zero) {
        const record0 = { index: 0n, term: 0, fedIndex: UINT64_MAX, ops: [], timestamp };
        await tx.run(insertRecord(record0, { applied: true }));
      }
      const [raft] = await tx.query('SELECT body FROM system_attributes WHERE name = ?', [
        RAFT_STATE,
      ]);
      if (!raft) {
        const body = encodeHardState(INITIAL_HARD_STATE);
        await tx.run({ op: 'insert', table: 'system_attributes', row: { name: RAFT_STATE, body } });
      }
      return {
        tail: await loadTail(tx),
        hard: raft ? decodeHardState(String(raft.body)) : INITIAL_HARD_STATE,
      };
    });
    return new LogStore(db, clock, tail, hard, computed);
  }

  get lastIndex(): bigint {
    return this.tail.lastIndex;
  }

  get lastTerm(): number {
    return this.tail.lastTerm;
  }

  get lastApplied(): bigint {
    return this.tail.lastApplied;
  }

  get hardState(): HardState {
    return this.hard;
  }

  /**
   * Caches of what the log writes (users, ACL rules) subscribe here, so that every way an
   * entry is applied (a local commit, a replicated entry) invalidates them alike. Listeners
   * run before the apply resolves. Returns the unsubscribe function.
   */
  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notifyApplied(tables: ReadonlySet<string>): void {
    if (tables.size === 0) return;
    for (const listener of this.listeners) listener(tables);
  }

  private now(): number {
    return Math.floor(this.clock() / 1000);
  }

  /** Lowest index after record 0 still in the log (lastIndex + 1 when there is none). */
  async firstIndex(): Promise<bigint> {
    const [row] = await this.db.query('SELECT MIN(log_index) AS i FROM logdb WHERE log_index > 0');
    return toBigInt(row?.i) ?? this.tail.lastIndex + 1n;
  }

  /**
   * Lowest index from which every entry up to the last is still in the log. Purge keeps
   * local and federated entries apart, the newest of each kind, so entries of each kind
   * from its oldest kept one on are all there, and both kinds from the later of the two.
   */
  async firstContiguousIndex(): Promise<bigint> {
    let start = 0n;
    for (const comparison of ['=', '<>']) {
      // Record 0 is made again at every start: it says nothing about what purge kept.
      const [row] = await this.db.query(
        `SELECT MIN(log_index) AS i FROM logdb WHERE log_index > 0 AND fed_index ${comparison} ?`,
        [UINT64_MAX],
      );
      const oldest = toBigInt(row?.i);
      if (oldest !== undefined && oldest > start) start = oldest;
    }
    return start === 0n ? this.tail.lastIndex + 1n : start;
  }

  /** Index and term of every entry from `lo` on, in order (the Raft log's terms). */
  async terms(lo: bigint): Promise<{ index: bigint; term: number }[]> {
    const rows = await this.db.query(
      'SELECT log_index, term FROM logdb WHERE log_index >= ? ORDER BY log_index',
      [lo],
    );
    return rows.map((row) => ({ index: row.log_index as bigint, term: Number(row.term) }));
  }

  /** Entries with lo <= index < hi as stored, sqlcmd still encoded. */
  async encodedEntries(lo: bigint, hi: bigint): Promise<EncodedEntry[]> {
    const rows = await this.db.query(
      'SELECT log_index, term, sqlcmd, fed_index FROM logdb WHERE log_index >= ? AND log_index < ? ORDER BY log_index',
      [lo, hi],
    );
    return rows.map((row) => ({
      index: row.log_index as bigint,
      term: Number(row.term),
      fedIndex: row.fed_index as bigint,
      sqlcmd: String(row.sqlcmd),
    }));
  }

  /** Entries with lo <= index < hi, in order; only those still in the log. */
  async entries(lo: bigint, hi: bigint): Promise<LogRecord[]> {
    const rows = await this.db.query(
      `SELECT ${RECORD_COLUMNS} FROM logdb WHERE log_index >= ? AND log_index < ? ORDER BY log_index`,
      [lo, hi],
    );
    return rows.map(toRecord);
  }

  /** Highest federated index in the log (FEDLOG_INDEX), undefined when there is none. */
  async lastFederatedIndex(): Promise<bigint | undefined> {
    const [row] = await this.db.query(
      'SELECT MAX(fed_index) AS i FROM logdb WHERE fed_index <> ?',
      [UINT64_MAX],
    );
    return toBigInt(row?.i);
  }

  /**
   * Persists entries, not applied, replacing any unapplied entries from the first new index
   * on (a Raft follower overwriting a conflicting suffix). The first index must follow the
   * log without a gap and must not touch an applied entry.
   */
  append(entries: readonly (LogEntry | EncodedEntry)[]): Promise<void> {
    return this.queue.run(async () => {
      const first = entries[0];
      if (!first) return;
      entries.forEach((entry, i) => {
        if (entry.index !== first.index + BigInt(i)) {
          throw logError('appended entries are not consecutive');
        }
      });
      if (first.index <= this.tail.lastApplied)
        throw logError(`entry ${first.index} is already applied`);
      if (first.index > this.tail.lastIndex + 1n)
        throw logError(`entry ${first.index} leaves a gap`);
      await this.db.transaction(async (tx) => {
        await tx.run({ op: 'delete', table: 'logdb', where: { log_index: { ge: first.index } } });
        for (const entry of entries) await tx.run(insertRecord(entry, { applied: false }));
      });
      const last = entries[entries.length - 1]!;
      this.tail = { ...this.tail, lastIndex: last.index, lastTerm: last.term };
    });
  }

  /** Deletes the unapplied entries from `index` on. */
  truncateFrom(index: bigint): Promise<void> {
    return this.queue.run(async () => {
      if (index <= this.tail.lastApplied) throw logError(`entry ${index} is already applied`);
      this.tail = await this.db.transaction(async (tx) => {
        await tx.run({ op: 'delete', table: 'logdb', where: { log_index: { ge: index } } });
        return loadTail(tx);
      });
    });
  }

  /**
   * Applies the stored entries up to `index`, in order, each under its own savepoint. An
   * entry whose ops fail is rolled back and still marked applied: every server of a zone
   * applies the same entries to the same state, so they all refuse it alike.
   */
  applyUpTo(index: bigint): Promise<ApplyReport> {
    return this.queue.run(async () => {
      if (index > this.tail.lastIndex) throw logError(`entry ${index} is not in the log`);
      const failed: { index: bigint; error: unknown }[] = [];
      while (this.tail.lastApplied < index) {
        const from = this.tail.lastApplied + 1n;
        const to = from + APPLY_CHUNK - 1n < index ? from + APPLY_CHUNK - 1n : index;
        const tables = await this.db.transaction(async (tx) => {
          const rows = await tx.query(
            `SELECT ${RECORD_COLUMNS} FROM logdb WHERE log_index >= ? AND log_index <= ? ORDER BY log_index`,
            [from, to],
          );
          if (BigInt(rows.length) !== to - from + 1n) {
            throw logError(`entries ${from}..${to} are not all in the log`);
          }
          const records = rows.map(toRecord);
          for (const record of records) {
            const error = await this.applyOne(tx, record);
            if (error !== undefined) failed.push({ index: record.index, error });
          }
          return tablesOf(records);
        });
        this.tail = { ...this.tail, lastApplied: to };
        this.notifyApplied(tables);
      }
      return { failed };
    });
  }

  /** Applies one stored entry and marks it applied; resolves to the ops' error, if any. */
  private async applyOne(tx: WriteTransaction, record: LogRecord): Promise<unknown> {
    let failure: unknown;
    try {
      await tx.savepoint(async () => {
        for (const op of await this.opsOf(tx, record)) await tx.run(op);
      });
    } catch (error) {
      failure = error;
    }
    await tx.run({
      op: 'update',
      table: 'logdb',
      set: { applied: 1, timestamp: this.now() },
      where: { log_index: record.index, applied: 0 },
    });
    return failure;
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

  /**
   * Gives each proposal the next index and applies it, all in one transaction (see
   * applyProposals). Resolves once committed. The log must have no unapplied entries.
   */
  commitProposals(
    proposals: readonly Proposal[],
    { term }: { term: number },
  ): Promise<ProposalOutcome[]> {
    return this.queue.run(async () => {
      const { lastIndex, lastApplied } = this.tail;
      if (lastApplied !== lastIndex) {
        throw logError(`entries ${lastApplied + 1n}..${lastIndex} are not applied`);
      }
      const options = {
        firstIndex: lastIndex + 1n,
        term,
        timestamp: this.now(),
        ...(this.computed.stateCheckWrites && { stateCheckWrites: this.computed.stateCheckWrites }),
      };
      const outcomes = await this.db.transaction((tx) => applyProposals(tx, proposals, options));
      const committed = BigInt(outcomes.filter((o) => 'index' in o).length);
      if (committed > 0n) {
        this.tail = {
          lastIndex: lastIndex + committed,
          lastTerm: term,
          lastApplied: lastIndex + committed,
        };
        this.notifyApplied(tablesOf(proposals.filter((_, i) => 'index' in outcomes[i]!)));
      }
      return outcomes;
    });
  }

  /** Deletes old applied entries (see purgeApplied); resolves to how many went. */
  async purge(options: PurgeOptions): Promise<number> {
    checkCount(options.keep, 'keep');
    checkCount(options.limit, 'limit');
    return this.queue.run(() => this.db.transaction((tx) => purgeApplied(tx, options)));
  }

  /** Persists TERM and VOTEDFOR; durable when it resolves. */
  saveHardState(state: HardState): Promise<void> {
    return this.queue.run(async () => {
      const { term, votedFor } = state;
      if (!Number.isSafeInteger(term) || term < 0 || !Number.isSafeInteger(votedFor)) {
        throw new OneKitError('STORAGE', 'term and votedFor must be integers', {
          field: RAFT_STATE,
        });
      }
      const body = encodeHardState(state);
      await this.db.transaction((tx) =>
        tx.run({ op: 'replace', table: 'system_attributes', row: { name: RAFT_STATE, body } }),
      );
      this.hard = { term, votedFor };
    });
  }
}
