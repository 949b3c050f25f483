// A role is a pair of functions the core swaps on every transition (etcd's r.step/r.tick),
// so no code path asks "am I the leader?" before deciding what a message means.
import type { RaftMessage } from './messages.js';
import type { Raft } from './raft.js';

export type RoleName = 'follower' | 'candidate' | 'leader';

export interface Role {
  readonly name: RoleName;
  tick<T>(raft: Raft<T>): void;
  /** Handles a message of the current term (term checks are done before). */
  step<T>(raft: Raft<T>, m: RaftMessage<T>): void;
}
