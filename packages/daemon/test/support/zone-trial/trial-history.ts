// What a trial records: every call its clients made, with the server it went to and, for
// reads, whether that server was the leader all along (a leader read) or not (a read that
// may lag), and every fault the nemesis caused.
import type { HistoryOp } from '../../../../../test/support/linearizability.js';
import type { CallOutcome } from './trial-client.js';

/**
 * leader: the server reported LEADER in the same term just before and just after the read,
 * so it led throughout (a server leads at most once per term) and must answer current state.
 * follower: it did not report LEADER before the read: the answer may lag.
 * unsure: anything else (it stopped leading meanwhile, or a status call failed).
 */
export type ReadRole = 'leader' | 'follower' | 'unsure';

export interface TrialOp extends HistoryOp {
  readonly model: 'register' | 'counter';
  readonly server: number;
  readonly role?: ReadRole;
  /** The failure message, when the outcome is not ok. */
  readonly message?: string;
}

export interface FaultEvent {
  readonly at: number;
  readonly what: string;
}

export class TrialHistory {
  readonly ops: TrialOp[] = [];
  readonly faults: FaultEvent[] = [];

  constructor(private readonly clock: () => number) {}

  now(): number {
    return this.clock();
  }

  /** Records a call with the outcome it had; `returned` counts only when it answered. */
  record(op: Omit<TrialOp, 'outcome' | 'returned'>, out: CallOutcome, returned: number): void {
    this.ops.push({
      ...op,
      outcome: out.kind,
      ...(out.kind !== 'unknown' && { returned }),
      ...(out.kind !== 'ok' && { message: out.message }),
    });
  }

  fault(what: string): void {
    this.faults.push({ at: this.clock(), what });
  }
}
