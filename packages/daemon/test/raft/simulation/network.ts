// A simulated network in virtual time: every message is delivered 1..maxDelay ticks after
// it was sent (so messages reorder), unless dropped; some are duplicated. A partition
// splits servers into groups that cannot reach each other.
import type { RaftMessage } from '../../../src/raft/index.js';
import type { Prng } from './prng.js';
import type { Value } from './server.js';

export interface NetworkFaults {
  dropRate: number;
  duplicateRate: number;
  maxDelay: number;
}

export const reliable: NetworkFaults = { dropRate: 0, duplicateRate: 0, maxDelay: 1 };

export class Network {
  private readonly buckets = new Map<number, RaftMessage<Value>[]>();
  private groups: Map<number, number> | undefined;

  constructor(
    private readonly rng: Prng,
    public faults: NetworkFaults,
  ) {}

  /** Returns false when the message was dropped at once. */
  send(m: RaftMessage<Value>, now: number): boolean {
    if (this.rng.chance(this.faults.dropRate)) return false;
    this.enqueue(m, now);
    if (this.rng.chance(this.faults.duplicateRate)) this.enqueue(m, now);
    return true;
  }

  /** The messages due at `now`, in random order. */
  takeDue(now: number): RaftMessage<Value>[] {
    const due = this.buckets.get(now);
    if (!due) return [];
    this.buckets.delete(now);
    for (let i = due.length - 1; i > 0; i--) {
      const j = Math.floor(this.rng.next() * (i + 1));
      [due[i], due[j]] = [due[j], due[i]];
    }
    return due;
  }

  connected(a: number, b: number): boolean {
    return this.groups === undefined || this.groups.get(a) === this.groups.get(b);
  }

  partition(groups: Map<number, number>): void {
    this.groups = groups;
  }

  heal(): void {
    this.groups = undefined;
  }

  get partitioned(): boolean {
    return this.groups !== undefined;
  }

  private enqueue(m: RaftMessage<Value>, now: number): void {
    const at = now + this.rng.int(1, this.faults.maxDelay);
    const bucket = this.buckets.get(at);
    if (bucket) bucket.push(m);
    else this.buckets.set(at, [m]);
  }
}
