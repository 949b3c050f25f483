// What a leader knows about each follower's log (etcd's tracker.Progress).
//
// - probe: the leader does not know where the follower's log ends; it sends one append at
//   a time and waits for the answer (or the next heartbeat answer) before sending another.
// - replicate: the follower is known to match up to `match`; appends are pipelined, up to
//   the inflight window, optimistically moving `next` past what was sent.
// - needs-reset: the entries the follower lacks are purged here; no appends are sent (only
//   heartbeats) until an operator copies the database and resets the server.
import type { ServerId } from './membership.js';

export type ReplicationState = 'probe' | 'replicate' | 'needs-reset';

/** Last indexes of the appends sent but not acknowledged yet, oldest first. */
export class Inflights {
  private readonly sent: bigint[] = [];

  constructor(readonly capacity: number) {}

  get count(): number {
    return this.sent.length;
  }

  full(): boolean {
    return this.sent.length >= this.capacity;
  }

  add(lastIndex: bigint): void {
    this.sent.push(lastIndex);
  }

  /** Forgets every append whose last index is <= `index` (the follower has them). */
  freeLE(index: bigint): void {
    let n = 0;
    while (n < this.sent.length && this.sent[n] <= index) n++;
    this.sent.splice(0, n);
  }

  freeFirstOne(): void {
    this.sent.shift();
  }

  reset(): void {
    this.sent.length = 0;
  }
}

export class Progress {
  /** Highest index known to be in the follower's log (0: nothing known). */
  match = 0n;
  /** Index of the next entry to send. Invariant: match < next. */
  next: bigint;
  state: ReplicationState = 'probe';
  /** probe: an append is out and unanswered, so sending is paused. */
  probeSent = false;
  /** Highest commit index sent to the follower. */
  sentCommit = 0n;
  /** Highest commit index the follower reported having. */
  knownCommit = 0n;
  /** Heard from in the current check-quorum window / in the window before. */
  activeNow = false;
  activeBefore = false;
  readonly inflights: Inflights;

  constructor(
    readonly id: ServerId,
    next: bigint,
    maxInflight: number,
  ) {
    this.next = next;
    this.inflights = new Inflights(maxInflight);
  }

  /** Heard from within the last one or two check-quorum windows. */
  get recentlyActive(): boolean {
    return this.activeNow || this.activeBefore;
  }

  /** Starts a new check-quorum window. */
  rollActivityWindow(): void {
    this.activeBefore = this.activeNow;
    this.activeNow = false;
  }

  isPaused(): boolean {
    switch (this.state) {
      case 'probe':
        return this.probeSent;
      case 'replicate':
        return this.inflights.full();
      case 'needs-reset':
        return true;
    }
  }

  becomeProbe(): void {
    this.reset('probe', this.match + 1n);
  }

  becomeReplicate(): void {
    this.reset('replicate', this.match + 1n);
  }

  becomeNeedsReset(): void {
    this.reset('needs-reset', this.next);
  }

  /** The operator has re-seeded the follower: probe again from `next`. */
  restartAt(next: bigint): void {
    this.reset('probe', next > this.match ? next : this.match + 1n);
  }

  /** The follower holds entries up to `index`. Returns whether `match` moved. */
  maybeUpdate(index: bigint): boolean {
    if (this.next < index + 1n) this.next = index + 1n;
    if (index <= this.match) return false;
    this.match = index;
    this.probeSent = false;
    return true;
  }

  /**
   * The follower refused an append whose previous index was `rejected`; `hint` is where
   * its log may match. Returns false for a stale refusal.
   */
  maybeDecrTo(rejected: bigint, hint: bigint): boolean {
    if (this.state === 'replicate') {
      if (rejected <= this.match) return false;
      this.next = this.match + 1n;
      return true;
    }
    // Not the probe in flight, or one at `match` (stale, or the follower lost entries it
    // had acknowledged): acting on it would resend the same probe, once per duplicate.
    if (this.next - 1n !== rejected || rejected <= this.match) return false;
    const candidate = rejected < hint + 1n ? rejected : hint + 1n;
    this.next = candidate > this.match + 1n ? candidate : this.match + 1n;
    this.probeSent = false;
    return true;
  }

  /** Whether sending `committed` could still raise the follower's commit index. */
  canBumpCommit(committed: bigint): boolean {
    return committed > this.sentCommit && this.sentCommit < this.next - 1n;
  }

  /** Bookkeeping after an append carrying `count` entries ending at `lastIndex`. */
  sentEntries(count: number, lastIndex: bigint): void {
    if (this.state === 'replicate') {
      if (count > 0) {
        this.next = lastIndex + 1n;
        this.inflights.add(lastIndex);
      }
    } else {
      this.probeSent = true;
    }
  }

  private reset(state: ReplicationState, next: bigint): void {
    this.state = state;
    this.next = next;
    this.probeSent = false;
    this.inflights.reset();
  }
}
