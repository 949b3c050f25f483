import { OneKitError } from '@onekit/core';
import {
  SerialQueue,
  UINT64_MAX,
  WritesRefused,
  type Database,
  type WriteOp,
  type WriteTransaction,
} from '../storage/index.js';
import type { Clock, EncodedEntry, HardState, LogEntry, LogRecord } from './log-entry.js';
import type { ServerChangeWrites } from './server-change.js';
import { purgeApplied, type PurgeOptions } from './log-purge.js';
import {
  appendEntries,
  appendOps,
  checkAppendable,
  hardStateOp,
  insertRecord,
  loadTail,
  logError,
  markAppliedOp,
  RECORD_COLUMNS,
  toBigInt,
  toRecord,
  type Tail,
} from './log-rows.js';
import {
  appliedWrites,
  StoredEntryApplier,
  type AppliedWrites,
  type Failures,
} from './log-apply.js';
import { applyProposals, type Proposal, type ProposalOutcome } from './proposals.js';
import { decodeHardState, encodeHardState, INITIAL_HARD_STATE, RAFT_STATE } from './raft-state.js';
import { decodeEntryContent } from './sqlcmd.js';

/** What a Raft shell persists for one Ready, in one transaction (see persistReady). */
export interface ReadyWrite {
  readonly hardState?: HardState;
  /** Stored unapplied, replacing every entry from the first one's index on. */
  readonly entries: readonly (LogEntry | EncodedEntry)[];
  /** Then the stored entries up to this index are applied. */
  readonly applyTo?: bigint;
  /**
   * The entries up to applyTo not applied yet, as stored, when the caller holds them (a Raft
   * shell does): they are then applied from memory, without reading them back.
   */
  readonly committed?: readonly EncodedEntry[];
}

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

const NOTHING_APPLIED: AppliedWrites = { tables: new Set(), lastOids: new Map(), ops: [] };

/** Entries applied per transaction by applyUpTo. */
const APPLY_CHUNK = 500n;

/** The last index of the chunk that starts at `from` and ends at `index` at the latest. */
function chunkEnd(from: bigint, index: bigint): bigint {
  return from + APPLY_CHUNK - 1n < index ? from + APPLY_CHUNK - 1n : index;
}

function checkCount(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new OneKitError('STORAGE', `${field} must be a whole number of at least 1`, { field });
  }
}

/** Told, after each transaction that applied entries, what those entries wrote. */
export type AppliedListener = (applied: AppliedWrites) => void;

/**
 * logdb and the Raft state, over one Database. This process is the log's only writer:
 * mutations run one at a time, and the tail (last index, term, applied) is kept in memory.
 * The Raft shell uses append / entries / truncateFrom / applyUpTo / saveHardState; a
 * standalone server uses commitProposals, which assigns indexes and applies at once.
 */
export class LogStore {
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<AppliedListener>();
  private readonly applier: StoredEntryApplier;

  private constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private tail: Tail,
    private hard: HardState,
    private readonly computed: ComputedWrites,
  ) {
    this.applier = new StoredEntryApplier(db, computed, () => this.now());
  }

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

  private notifyApplied(applied: AppliedWrites): void {
    if (applied.tables.size === 0) return;
    for (const listener of this.listeners) listener(applied);
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
   * The applied federated entries with a federated index above `after`, in federated
   * order, at most `limit` of them; `fedIndex` is each one's federated index (the
   * federation log a master ships to its slaves).
   */
  async federatedEntriesAfter(after: bigint, limit: number): Promise<EncodedEntry[]> {
    checkCount(limit, 'limit');
    // Federated indexes are never negative; -1 stands for "none yet".
    const [from, bound] = after < 0n ? ['>=', 0n] : ['>', after];
    const rows = await this.db.query(
      `SELECT log_index, term, sqlcmd, fed_index FROM logdb WHERE fed_index ${from} ? AND fed_index <> ? AND applied = 1 ORDER BY fed_index LIMIT ?`,
      [bound, UINT64_MAX, limit],
    );
    return rows.map((row) => ({
      index: row.log_index as bigint,
      term: Number(row.term),
      fedIndex: row.fed_index as bigint,
      sqlcmd: String(row.sqlcmd),
    }));
  }

  /** Whether the federated entry with this federated index is still in the log. */
  async hasFederatedIndex(fedIndex: bigint): Promise<boolean> {
    const rows = await this.db.query('SELECT log_index FROM logdb WHERE fed_index = ?', [fedIndex]);
    return rows.length > 0;
  }

  /**
   * Persists entries, not applied, replacing any unapplied entries from the first new index
   * on (a Raft follower overwriting a conflicting suffix). The first index must follow the
   * log without a gap and must not touch an applied entry.
   */
  append(entries: readonly (LogEntry | EncodedEntry)[]): Promise<void> {
    return this.queue.run(async () => {
      const last = entries.at(-1);
      if (!last) return;
      checkAppendable(entries, this.tail);
      await this.db.transaction(async (tx) => {
        await appendEntries(tx, entries, this.tail);
      });
      this.tail = { ...this.tail, lastIndex: last.index, lastTerm: last.term };
    });
  }

  /**
   * One Raft Ready in one transaction, so one fsync where there were up to three: the vote
   * (as saveHardState), the new entries (as append), then the entries up to `applyTo`
   * applied (as applyUpTo; beyond APPLY_CHUNK of them, the rest in further transactions).
   * A transaction that only applies is committed with deferred durability: what it applies
   * is already durable in the log, and an apply lost to a power cut is marked unapplied
   * with its writes, so the server applies it again after its restart.
   */
  persistReady({ hardState, entries, applyTo, committed }: ReadyWrite): Promise<ApplyReport> {
    return this.queue.run(async () => {
      const hardOp = hardState && hardStateOp(hardState);
      checkAppendable(entries, this.tail);
      const last = entries.at(-1);
      const lastIndex = last?.index ?? this.tail.lastIndex;
      if (applyTo !== undefined && applyTo > lastIndex) {
        throw logError(`entry ${applyTo} is not in the log`);
      }
      const failed: Failures = [];
      const from = this.tail.lastApplied + 1n;
      const to = chunkEnd(from, applyTo ?? this.tail.lastApplied);
      // A Ready of messages only (a heartbeat's answer) writes nothing: no transaction.
      if (!hardOp && !last && to < from) return { failed };
      const durability = hardOp || last ? 'full' : 'deferred';
      const tables =
        (await this.persistFromMemory({ hardOp, entries, from, to, committed }, durability)) ??
        (await this.applier.transaction(
          async (tx, apply) => {
            if (hardOp) await tx.run(hardOp);
            await appendEntries(tx, entries, this.tail);
            return to >= from ? apply(from, to) : NOTHING_APPLIED;
          },
          failed,
          durability,
        ));
      if (hardState) this.hard = { term: hardState.term, votedFor: hardState.votedFor };
      this.tail = {
        lastIndex,
        lastTerm: last?.term ?? this.tail.lastTerm,
        lastApplied: to >= from ? to : this.tail.lastApplied,
      };
      this.notifyApplied(tables);
      if (applyTo !== undefined) await this.applyChunks(applyTo, failed, 'deferred');
      return { failed };
    });
  }

  /**
   * persistReady's quick way: the vote and the new entries, then the ops of the entries
   * from..to decoded from `committed`, then their mark, in one commitWrites (one round trip
   * on MariaDB). Undefined when it cannot be taken (an entry the caller does not hold, or one
   * whose writes are computed: a server change, a state check) or when the database refused
   * a write: the Ready then goes the careful way, which reads the entries back and rolls back
   * only the failing ones.
   */
  private async persistFromMemory(
    r: {
      hardOp: WriteOp | undefined;
      entries: readonly (LogEntry | EncodedEntry)[];
      from: bigint;
      to: bigint;
      committed: readonly EncodedEntry[] | undefined;
    },
    durability: 'full' | 'deferred',
  ): Promise<AppliedWrites | undefined> {
    const { from, to, committed } = r;
    const count = to >= from ? Number(to - from + 1n) : 0;
    const applying = committed?.filter((e) => e.index >= from && e.index <= to) ?? [];
    if (applying.length !== count || applying.some((e, i) => e.index !== from + BigInt(i))) {
      return undefined;
    }
    const contents = applying.map((e) => decodeEntryContent(e.sqlcmd));
    if (contents.some((c) => c.server !== undefined || c.check)) return undefined;
    const writes = [
      ...(r.hardOp ? [r.hardOp] : []),
      ...appendOps(r.entries, this.tail),
      ...contents.flatMap((c) => c.ops),
      ...(count > 0 ? [markAppliedOp(from, to, this.now())] : []),
    ];
    let counts: number[];
    try {
      counts = await this.db.commitWrites(writes, { durability });
    } catch (err) {
      // Only a batch the database refused whole is done again; a failed commit or sync
      // is the log's failure (the caller stops).
      if (err instanceof WritesRefused) return undefined;
      throw err;
    }
    if (count > 0 && counts.at(-1) !== count) {
      throw logError(`entries ${from}..${to} were applied already`);
    }
    return appliedWrites(contents);
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
      const failed: Failures = [];
      await this.applyChunks(index, failed, 'full');
      return { failed };
    });
  }

  /** Applies up to `index`, APPLY_CHUNK entries per transaction (inside the queue). */
  private async applyChunks(
    index: bigint,
    failed: Failures,
    durability: 'full' | 'deferred',
  ): Promise<void> {
    while (this.tail.lastApplied < index) {
      const from = this.tail.lastApplied + 1n;
      const to = chunkEnd(from, index);
      const tables = await this.applier.transaction(
        (_, apply) => apply(from, to),
        failed,
        durability,
      );
      this.tail = { ...this.tail, lastApplied: to };
      this.notifyApplied(tables);
    }
  }

  /**
   * Gives each proposal the next index and applies it, all in one transaction (see
   * applyProposals). Resolves once committed. The log must have no unapplied entries.
   */
  commitProposals(
    proposals: readonly Proposal[],
    { term, stopAtFirstFailure = false }: { term: number; stopAtFirstFailure?: boolean },
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
        stopAtFirstFailure,
        ...(this.computed.stateCheckWrites && { stateCheckWrites: this.computed.stateCheckWrites }),
        ...(this.computed.serverChangeWrites && {
          serverChangeWrites: this.computed.serverChangeWrites,
        }),
      };
      const outcomes = await this.db.transaction((tx) => applyProposals(tx, proposals, options));
      const committed = BigInt(outcomes.filter((o) => 'index' in o).length);
      if (committed > 0n) {
        this.tail = {
          lastIndex: lastIndex + committed,
          lastTerm: term,
          lastApplied: lastIndex + committed,
        };
        this.notifyApplied(appliedWrites(proposals.filter((_, i) => 'index' in outcomes[i]!)));
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
      const op = hardStateOp(state);
      await this.db.transaction((tx) => tx.run(op));
      this.hard = { term: state.term, votedFor: state.votedFor };
    });
  }
}
