// Linearizable reads without a log entry (Raft §8): the leader notes its commit index,
// then proves it is still the leader by hearing from a majority in its term after the
// request was made. Heartbeats carry the newest pending request's context; an answer to
// it confirms that request and every earlier one.
import type { ServerId } from './membership.js';
import { voteResult } from './quorum.js';

/** A read confirmed at `index`: serve it once the state machine has applied `index`. */
export interface ReadState {
  readonly context: string;
  readonly index: bigint;
}

interface PendingRead {
  readonly context: string;
  readonly index: bigint;
  readonly acks: Map<ServerId, boolean>;
}

export class PendingReads {
  private queue: PendingRead[] = [];

  get size(): number {
    return this.queue.length;
  }

  add(context: string, index: bigint, leader: ServerId): void {
    this.queue.push({ context, index, acks: new Map([[leader, true]]) });
  }

  newestContext(): string | undefined {
    return this.queue.at(-1)?.context;
  }

  /**
   * `from` answered a heartbeat carrying `context`; returns the reads now confirmed by a
   * majority of `voters`, oldest first.
   */
  acknowledge(context: string, from: ServerId, voters: readonly ServerId[]): ReadState[] {
    let position = -1;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].context === context) {
        position = i;
        break;
      }
    }
    for (let i = 0; i <= position; i++) this.queue[i].acks.set(from, true);
    let confirmed = 0;
    while (
      confirmed < this.queue.length &&
      voteResult(voters, this.queue[confirmed].acks) === 'won'
    ) {
      confirmed++;
    }
    return this.queue.splice(0, confirmed).map(({ context, index }) => ({ context, index }));
  }

  clear(): void {
    this.queue = [];
  }
}
