// Entries the core holds that stable storage may not have yet (etcd's log_unstable).
// Entries at or after `offset` are read from here, older ones from storage. Entries below
// `inProgress` have been handed to the shell in a Ready and are being persisted.
import type { Entry } from './entry.js';

export class UnstableEntries<T> {
  private entries: Entry<T>[] = [];
  private inProgress: bigint;

  constructor(private offset_: bigint) {
    this.inProgress = offset_;
  }

  /** Index of the first unstable entry (stable storage holds everything before it). */
  get offset(): bigint {
    return this.offset_;
  }

  get length(): number {
    return this.entries.length;
  }

  lastIndex(): bigint | undefined {
    return this.entries.length ? this.offset_ + BigInt(this.entries.length - 1) : undefined;
  }

  /** The term at `index` when this holds it. */
  term(index: bigint): number | undefined {
    if (index < this.offset_) return undefined;
    return this.entries[Number(index - this.offset_)]?.term;
  }

  /** Entries [lo, hi), all within what this holds. */
  slice(lo: bigint, hi: bigint): Entry<T>[] {
    return this.entries.slice(Number(lo - this.offset_), Number(hi - this.offset_));
  }

  hasNotInProgress(): boolean {
    return this.inProgress < this.offset_ + BigInt(this.entries.length);
  }

  /** Entries not yet handed to the shell. */
  notInProgress(): Entry<T>[] {
    return this.entries.slice(Number(this.inProgress - this.offset_));
  }

  /** Everything held now is being persisted. */
  markInProgress(): void {
    this.inProgress = this.offset_ + BigInt(this.entries.length);
  }

  /**
   * Storage now holds entries up to `index`, written with `term`. Ignored when this no
   * longer holds that entry (a later append replaced it before the shell finished).
   */
  stableTo(index: bigint, term: number): void {
    if (this.term(index) !== term) return;
    this.entries = this.entries.slice(Number(index - this.offset_) + 1);
    this.offset_ = index + 1n;
    if (this.inProgress < this.offset_) this.inProgress = this.offset_;
  }

  /** Appends `entries`, first dropping everything at or after the first one's index. */
  truncateAndAppend(entries: readonly Entry<T>[]): void {
    if (entries.length === 0) return;
    const after = entries[0].index;
    const end = this.offset_ + BigInt(this.entries.length);
    if (after === end) {
      this.entries.push(...entries);
    } else if (after <= this.offset_) {
      this.offset_ = after;
      this.entries = [...entries];
    } else {
      this.entries = [...this.entries.slice(0, Number(after - this.offset_)), ...entries];
    }
    if (this.inProgress > after) this.inProgress = after;
  }
}
