// The core's synchronous view of logdb (RaftStorage). The core reads terms often and entry
// contents rarely, while logdb is read asynchronously (MariaDB): so every retained entry's
// term is kept in memory, and the entries themselves only from the oldest one not yet
// applied on, plus a window of recent ones. Older entries are handed out with their payload
// unloaded; whoever sends them fills it from logdb first (see isLoaded).
import type { HardState } from '../raft/index.js';
import { RaftEntryUnavailable, type RaftInitialState, type RaftStorage } from '../raft/index.js';
import type { LogStore } from '../write-path/index.js';
import { fromEncodedEntry, type LogPayload, type ZoneLogEntry } from './log-payload.js';

/** Applied entries kept whole in memory beyond the unapplied ones. */
const DEFAULT_RECENT = 4096;

export class LogWindow implements RaftStorage<LogPayload> {
  /** Index whose term is terms[0]; the first entry held is offset + 1. */
  private offset: bigint;
  private terms: number[];
  private readonly held = new Map<bigint, ZoneLogEntry>();
  private hard: HardState;
  private applied: bigint;

  private constructor(
    init: { offset: bigint; terms: number[]; hard: HardState; applied: bigint },
    private readonly recent: number,
  ) {
    this.offset = init.offset;
    this.terms = init.terms;
    this.hard = init.hard;
    this.applied = init.applied;
  }

  static async load(log: LogStore, { recent = DEFAULT_RECENT } = {}): Promise<LogWindow> {
    // The first stored entry of the contiguous tail stands for everything before it: its term
    // is known, so it is the boundary (entries before it are "compacted").
    const first = await log.firstContiguousIndex();
    const offset = first > log.lastIndex ? log.lastIndex : first <= 1n ? 0n : first;
    const rows = await log.terms(offset);
    const terms = rows.map((r) => r.term);
    if (BigInt(terms.length) !== log.lastIndex - offset + 1n) {
      throw new Error(`logdb has a hole between ${offset} and ${log.lastIndex}`);
    }
    const window = new LogWindow(
      { offset, terms, hard: log.hardState, applied: log.lastApplied },
      recent,
    );
    const from = log.lastApplied + 1n > offset + 1n ? log.lastApplied + 1n : offset + 1n;
    for (const row of await log.encodedEntries(from, log.lastIndex + 1n)) {
      window.held.set(row.index, fromEncodedEntry(row));
    }
    return window;
  }

  initialState(): RaftInitialState {
    return { hardState: this.hard, applied: this.applied };
  }

  firstIndex(): bigint {
    return this.offset + 1n;
  }

  lastIndex(): bigint {
    return this.offset + BigInt(this.terms.length) - 1n;
  }

  term(index: bigint): number {
    if (index < this.offset) throw new RaftEntryUnavailable('compacted', index);
    if (index > this.lastIndex()) throw new RaftEntryUnavailable('unavailable', index);
    return this.terms[Number(index - this.offset)]!;
  }

  entries(lo: bigint, hi: bigint): readonly ZoneLogEntry[] {
    if (lo <= this.offset) throw new RaftEntryUnavailable('compacted', lo);
    if (hi > this.lastIndex() + 1n) throw new RaftEntryUnavailable('unavailable', hi - 1n);
    const out: ZoneLogEntry[] = [];
    for (let index = lo; index < hi; index++) {
      out.push(
        this.held.get(index) ?? {
          index,
          term: this.term(index),
          data: { kind: 'data', value: { sqlcmd: undefined, fedIndex: undefined } },
        },
      );
    }
    return out;
  }

  /** Records entries the shell persisted (replacing any from the first one's index on). */
  appended(entries: readonly ZoneLogEntry[]): void {
    const first = entries[0];
    if (!first) return;
    // Only a follower overwriting a conflicting suffix replaces entries: usually none.
    for (let index = first.index; index <= this.lastIndex(); index++) this.held.delete(index);
    this.terms.length = Number(first.index - this.offset);
    for (const entry of entries) {
      this.terms.push(entry.term);
      this.held.set(entry.index, entry);
    }
  }

  savedHardState(hard: HardState): void {
    this.hard = hard;
  }

  /** Entries up to `index` are applied: only the most recent stay whole in memory. */
  appliedTo(index: bigint): void {
    this.applied = index;
    const oldest = index - BigInt(this.recent);
    for (const held of this.held.keys()) {
      if (held > oldest) break;
      this.held.delete(held);
    }
  }

  /** Purge removed everything before `first` (the first of the contiguous tail). */
  compactedTo(first: bigint): void {
    if (first <= this.offset + 1n) return;
    const boundary = first > this.lastIndex() ? this.lastIndex() : first;
    this.terms = this.terms.slice(Number(boundary - this.offset));
    this.offset = boundary;
  }
}
