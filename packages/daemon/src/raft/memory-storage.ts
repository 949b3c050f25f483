// RaftStorage kept in memory, for tests and simulations. Besides the read side it offers
// the writes a shell performs: save the hard state, append (replacing a conflicting
// suffix), record the applied index, and purge applied entries.
import { OneKitError } from '@onekit/core';
import { NO_VOTE, type Entry, type HardState } from './entry.js';
import { RaftEntryUnavailable, type RaftInitialState, type RaftStorage } from './storage.js';

export interface MemoryRaftStorageInit<T> {
  hardState?: HardState;
  applied?: bigint;
  /** Index and term of the last purged entry; entries then start right after it. */
  compacted?: { index: bigint; term: number };
  entries?: readonly Entry<T>[];
}

export class MemoryRaftStorage<T> implements RaftStorage<T> {
  private hard: HardState;
  private applied: bigint;
  // entries[0] only marks the last purged index and its term; initially index 0, term 0
  // (oned's record 0).
  private entries_: Entry<T>[];

  constructor(init: MemoryRaftStorageInit<T> = {}) {
    this.hard = init.hardState ?? { term: 0, votedFor: NO_VOTE };
    const marker = init.compacted ?? { index: 0n, term: 0 };
    this.entries_ = [{ index: marker.index, term: marker.term, data: undefined }];
    if (init.entries?.length) this.append(init.entries);
    this.applied = init.applied ?? marker.index;
  }

  initialState(): RaftInitialState {
    return { hardState: this.hard, applied: this.applied };
  }

  firstIndex(): bigint {
    return this.offset() + 1n;
  }

  lastIndex(): bigint {
    return this.offset() + BigInt(this.entries_.length - 1);
  }

  term(index: bigint): number {
    if (index < this.offset()) throw new RaftEntryUnavailable('compacted', index);
    if (index > this.lastIndex()) throw new RaftEntryUnavailable('unavailable', index);
    return this.entries_[Number(index - this.offset())].term;
  }

  entries(lo: bigint, hi: bigint): readonly Entry<T>[] {
    if (lo <= this.offset()) throw new RaftEntryUnavailable('compacted', lo);
    if (hi > this.lastIndex() + 1n) throw new RaftEntryUnavailable('unavailable', hi - 1n);
    return this.entries_.slice(Number(lo - this.offset()), Number(hi - this.offset()));
  }

  setHardState(hardState: HardState): void {
    this.hard = hardState;
  }

  setApplied(index: bigint): void {
    this.applied = index;
  }

  /** Stores entries, first dropping any stored entry at or after the first one's index. */
  append(entries: readonly Entry<T>[]): void {
    if (entries.length === 0) return;
    const first = entries[0].index;
    if (first <= this.offset() || first > this.lastIndex() + 1n) {
      throw new OneKitError('STORAGE', `cannot append at ${first}: the log holds ${this.range()}`, {
        field: 'index',
      });
    }
    this.entries_.length = Number(first - this.offset());
    this.entries_.push(...entries);
  }

  /** Purges entries up to `index`, which must already be applied. */
  compact(index: bigint): void {
    if (index <= this.offset()) return;
    if (index > this.applied) {
      throw new OneKitError('STORAGE', `cannot purge ${index}: applied is ${this.applied}`, {
        field: 'index',
      });
    }
    const term = this.term(index);
    this.entries_ = [
      { index, term, data: undefined },
      ...this.entries_.slice(Number(index - this.offset()) + 1),
    ];
  }

  /** An independent copy, as a database backup restored elsewhere would be. */
  copy(): MemoryRaftStorage<T> {
    const copy = new MemoryRaftStorage<T>({
      hardState: this.hard,
      compacted: { index: this.offset(), term: this.entries_[0].term },
      entries: this.entries_.slice(1),
    });
    copy.setApplied(this.applied);
    return copy;
  }

  private offset(): bigint {
    return this.entries_[0].index;
  }

  private range(): string {
    return `${this.firstIndex()}..${this.lastIndex()}`;
  }
}
