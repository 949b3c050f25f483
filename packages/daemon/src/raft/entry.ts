// What the log holds. The payload of an entry is either a user command (`kind: 'data'`,
// the shell's write batch) or a change of membership (`kind: 'membership'`); `undefined` is
// the no-op a new leader appends in its term. Keeping the two kinds in one tagged union
// lets the core recognise membership entries without knowing anything about `T`.
import type { MembershipChange } from './membership.js';

export type EntryData<T> =
  | { readonly kind: 'data'; readonly value: T }
  | { readonly kind: 'membership'; readonly change: MembershipChange };

export interface Entry<T> {
  readonly index: bigint;
  readonly term: number;
  /** `undefined`: the leader's no-op. */
  readonly data: EntryData<T> | undefined;
}

/** The state that must be durable before any message that depends on it leaves. */
export interface HardState {
  readonly term: number;
  /** Server voted for in `term`; -1 when none. */
  readonly votedFor: number;
}

export const NO_VOTE = -1;
