// The core's read-only view of stable storage (etcd's Storage). The shell writes what a
// Ready hands it; the core only reads, synchronously. Entries below firstIndex() are gone
// (purged): asking for them fails with reason 'compacted', and the core then marks the
// follower that needs them as needing a reset instead of retrying.
import { OneKitError } from '@onekit/core';
import type { Entry, HardState } from './entry.js';

export interface RaftInitialState {
  readonly hardState: HardState;
  /** Highest index already applied to the state machine; the commit index restarts there. */
  readonly applied: bigint;
}

export interface RaftStorage<T> {
  initialState(): RaftInitialState;
  /** Lowest index whose entry is held. The term of firstIndex() - 1 is still known. */
  firstIndex(): bigint;
  lastIndex(): bigint;
  /** Term of the entry at `index`, for firstIndex() - 1 <= index <= lastIndex(). */
  term(index: bigint): number;
  /** Entries [lo, hi), for firstIndex() <= lo <= hi <= lastIndex() + 1. */
  entries(lo: bigint, hi: bigint): readonly Entry<T>[];
}

export type UnavailableReason = 'compacted' | 'unavailable';

/** A log read outside what storage holds: below it ('compacted') or past it ('unavailable'). */
export class RaftEntryUnavailable extends OneKitError {
  constructor(
    readonly reason: UnavailableReason,
    readonly index: bigint,
  ) {
    super('RAFT_ENTRY_UNAVAILABLE', `log entry ${index} is ${reason}`, { field: 'index' });
  }
}

export function isCompacted(err: unknown): err is RaftEntryUnavailable {
  return err instanceof RaftEntryUnavailable && err.reason === 'compacted';
}

export function isEntryUnavailable(err: unknown): err is RaftEntryUnavailable {
  return err instanceof RaftEntryUnavailable;
}
