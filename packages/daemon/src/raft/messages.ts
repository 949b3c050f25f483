// What Raft servers say to each other. Every message carries its sender, its addressee and
// the sender's term; a server that sees a higher term adopts it (and, for a leader or
// candidate, steps down) before doing anything else with the message.
import type { Entry } from './entry.js';
import type { ServerId } from './membership.js';

interface Envelope {
  readonly from: ServerId;
  readonly to: ServerId;
  readonly term: number;
}

/** A candidate asks for a vote, describing the end of its log (Raft §5.2, §5.4.1). */
export interface VoteRequest extends Envelope {
  readonly type: 'vote-request';
  readonly lastIndex: bigint;
  readonly lastTerm: number;
  /**
   * A pre-vote: "would you vote for me in `term`?" (the sender's term + 1). Neither side
   * changes its term or its vote for it.
   */
  readonly preVote?: true;
}

/** Why a vote was refused, in the order the checks run. */
export type VoteRefusal = 'outdated-term' | 'outdated-log' | 'already-voted' | 'has-leader';

/**
 * The answer to a vote request; `term` lets a stale candidate step down. `commit` and
 * `commitTerm` name the voter's last committed entry: a candidate holding that entry holds
 * the committed prefix and may commit it too, which is how a voter left behind learns
 * that a membership change (such as a removal) committed.
 */
export interface VoteResponse extends Envelope {
  readonly type: 'vote-response';
  readonly granted: boolean;
  readonly refusal?: VoteRefusal;
  readonly commit: bigint;
  readonly commitTerm: number;
  /** Answers a pre-vote; granted, it carries the term asked about. */
  readonly preVote?: true;
}

/**
 * The leader sends entries that follow (prevIndex, prevTerm) in its log, and its commit
 * index; the follower appends them only when its own entry at prevIndex has prevTerm.
 */
export interface AppendRequest<T> extends Envelope {
  readonly type: 'append';
  readonly prevIndex: bigint;
  readonly prevTerm: number;
  readonly entries: readonly Entry<T>[];
  readonly commit: bigint;
  /**
   * Answer only a refusal: an append without entries that carries a commit index to a
   * follower the leader already replicates to, whose acceptance would tell it nothing.
   */
  readonly quiet?: true;
}

/**
 * The follower's answer. Accepted: its log matches the leader's up to `index`. Refused:
 * the entry at `rejectedIndex` did not match; `hintIndex`/`hintTerm` name the last entry
 * whose term is not above the leader's prevTerm, so the leader can skip a whole term
 * (hintTerm undefined when the follower no longer knows it).
 */
export type AppendResponse = Envelope & { readonly type: 'append-response' } & (
    | { readonly success: true; readonly index: bigint }
    | {
        readonly success: false;
        readonly rejectedIndex: bigint;
        readonly hintIndex: bigint;
        readonly hintTerm: number | undefined;
      }
  );

/**
 * The leader's periodic sign of life. `commit` is bounded by what the follower is known to
 * hold, so it never commits an entry it might not match. `context` names the newest
 * pending read-index request, confirmed when a majority answers.
 */
export interface Heartbeat extends Envelope {
  readonly type: 'heartbeat';
  readonly commit: bigint;
  readonly context: string | undefined;
}

/**
 * The follower's answer to a heartbeat, echoing its read context. `commit` is its commit
 * index after the heartbeat: a leader handing over after its own removal waits until a
 * remaining voter knows that the removal committed.
 */
export interface HeartbeatResponse extends Envelope {
  readonly type: 'heartbeat-response';
  readonly context: string | undefined;
  readonly commit: bigint;
}

export type RaftMessage<T> =
  VoteRequest | VoteResponse | AppendRequest<T> | AppendResponse | Heartbeat | HeartbeatResponse;
