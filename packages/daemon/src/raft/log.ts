// The log as the core sees it: stable storage followed by unstable entries, with the
// commit and apply positions. Invariant: firstIndex - 1 <= applied <= applying <=
// committed <= lastIndex (only applied entries are ever purged).
import { OneKitError } from '@onekit/core';
import type { Entry } from './entry.js';
import { isEntryUnavailable, RaftEntryUnavailable, type RaftStorage } from './storage.js';
import { UnstableEntries } from './unstable-log.js';

export class RaftLog<T> {
  readonly unstable: UnstableEntries<T>;
  committed: bigint;
  /** Highest index the shell has applied (acknowledged through advance). */
  applied: bigint;
  /** Highest index handed to the shell to apply. */
  applying: bigint;

  constructor(
    private readonly storage: RaftStorage<T>,
    applied: bigint,
  ) {
    const first = storage.firstIndex();
    const last = storage.lastIndex();
    if (applied < first - 1n || applied > last) {
      throw new OneKitError(
        'STORAGE',
        `applied index ${applied} is outside ${first - 1n}..${last}`,
        {
          field: 'applied',
        },
      );
    }
    this.unstable = new UnstableEntries(last + 1n);
    this.committed = this.applied = this.applying = applied;
  }

  firstIndex(): bigint {
    return this.storage.firstIndex();
  }

  lastIndex(): bigint {
    return this.unstable.lastIndex() ?? this.storage.lastIndex();
  }

  lastTerm(): number {
    return this.term(this.lastIndex());
  }

  /** Highest index that stable storage holds with the content this log has. */
  stableLastIndex(): bigint {
    const stored = this.storage.lastIndex();
    const beforeUnstable = this.unstable.offset - 1n;
    return stored < beforeUnstable ? stored : beforeUnstable;
  }

  /** Throws RaftEntryUnavailable when the index is compacted or past the end. */
  term(index: bigint): number {
    const unstable = this.unstable.term(index);
    if (unstable !== undefined) return unstable;
    if (index > this.lastIndex()) throw new RaftEntryUnavailable('unavailable', index);
    return this.storage.term(index);
  }

  matchTerm(index: bigint, term: number): boolean {
    return this.termOrUndefined(index) === term;
  }

  /** Raft §5.4.1: a log ending at (lastIndex, lastTerm) is at least as up to date as ours. */
  isUpToDate(lastIndex: bigint, lastTerm: number): boolean {
    const ourTerm = this.lastTerm();
    return lastTerm > ourTerm || (lastTerm === ourTerm && lastIndex >= this.lastIndex());
  }

  /** Entries [lo, hi); throws when part of the range is compacted or missing. */
  slice(lo: bigint, hi: bigint): Entry<T>[] {
    if (lo >= hi) return [];
    if (hi > this.lastIndex() + 1n) throw new RaftEntryUnavailable('unavailable', hi - 1n);
    const offset = this.unstable.offset;
    const stored = lo < offset ? this.storage.entries(lo, hi < offset ? hi : offset) : [];
    const unstable = hi > offset ? this.unstable.slice(lo > offset ? lo : offset, hi) : [];
    return stored.length ? [...stored, ...unstable] : unstable;
  }

  /** Up to `max` entries from `lo` on. */
  entriesFrom(lo: bigint, max: number): Entry<T>[] {
    const end = this.lastIndex() + 1n;
    const hi = lo + BigInt(max);
    return this.slice(lo, hi < end ? hi : end);
  }

  /** Appends entries that follow or replace part of the uncommitted tail. */
  append(entries: readonly Entry<T>[]): void {
    if (entries.length === 0) return;
    const first = entries[0].index;
    if (first <= this.committed || first > this.lastIndex() + 1n) {
      throw new OneKitError(
        'STORAGE',
        `append at ${first} would ${first <= this.committed ? 'overwrite committed entries' : 'leave a gap'}`,
        { field: 'index' },
      );
    }
    this.unstable.truncateAndAppend(entries);
  }

  /**
   * Follower side of log matching: when our entry at prevIndex has prevTerm, append what
   * does not match yet and return the index of the last entry sent; else undefined.
   */
  appendAfter(
    prevIndex: bigint,
    prevTerm: number,
    entries: readonly Entry<T>[],
  ): bigint | undefined {
    if (!this.matchTerm(prevIndex, prevTerm)) return undefined;
    const conflict = entries.findIndex((e) => !this.matchTerm(e.index, e.term));
    if (conflict >= 0) this.append(entries.slice(conflict));
    return prevIndex + BigInt(entries.length);
  }

  /**
   * Walks back from `index` to the last entry whose term is <= `term` (a fast way to skip
   * a whole conflicting term). Stops where the term is unknown (compacted).
   */
  findConflictByTerm(index: bigint, term: number): { index: bigint; term: number | undefined } {
    for (let i = index; i > 0n; i--) {
      const ours = this.termOrUndefined(i);
      if (ours === undefined) return { index: i, term: undefined };
      if (ours <= term) return { index: i, term: ours };
    }
    return { index: 0n, term: 0 };
  }

  commitTo(index: bigint): void {
    if (index <= this.committed) return;
    if (index > this.lastIndex()) {
      throw new OneKitError(
        'STORAGE',
        `commit ${index} is past the last index ${this.lastIndex()}`,
        {
          field: 'commit',
        },
      );
    }
    this.committed = index;
  }

  /** Committed entries not yet handed out for applying. */
  nextCommitted(): Entry<T>[] {
    return this.slice(this.applying + 1n, this.committed + 1n);
  }

  markApplying(index: bigint): void {
    if (index > this.applying) this.applying = index;
  }

  appliedTo(index: bigint): void {
    if (index > this.applied) this.applied = index;
  }

  stableTo(index: bigint, term: number): void {
    this.unstable.stableTo(index, term);
  }

  private termOrUndefined(index: bigint): number | undefined {
    // Checked first: exceptions are slow, and followers ask past their end all the time.
    if (index > this.lastIndex() || index < this.firstIndex() - 1n) return undefined;
    try {
      return this.term(index);
    } catch (err) {
      if (isEntryUnavailable(err)) return undefined;
      throw err;
    }
  }
}
