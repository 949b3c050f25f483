// A snapshot of one server's Raft state, for `onezone show`, one.zone.raftstatus and tests.
import type { RoleName } from './role.js';
import type { Membership, ServerId } from './membership.js';
import type { ReplicationState } from './progress.js';
import type { Raft } from './raft.js';

export interface ServerProgress {
  readonly id: ServerId;
  readonly match: bigint;
  readonly next: bigint;
  readonly state: ReplicationState;
  /** Heard from within the last one or two election timeouts. */
  readonly recentlyActive: boolean;
  /** Appends sent and not yet acknowledged. */
  readonly inflight: number;
}

export interface RaftStatus {
  readonly id: ServerId;
  readonly role: RoleName;
  readonly term: number;
  readonly votedFor: number;
  readonly leader: ServerId | undefined;
  readonly reconciling: boolean;
  readonly commit: bigint;
  readonly applied: bigint;
  readonly firstIndex: bigint;
  readonly lastIndex: bigint;
  readonly lastTerm: number;
  readonly membership: Membership;
  /** Leader only (this server included); empty on other servers. */
  readonly progress: readonly ServerProgress[];
}

export function raftStatus<T>(raft: Raft<T>): RaftStatus {
  return {
    id: raft.id,
    role: raft.role.name,
    term: raft.term,
    votedFor: raft.votedFor,
    leader: raft.leader,
    reconciling: raft.reconcilingUntil !== undefined,
    commit: raft.log.committed,
    applied: raft.log.applied,
    firstIndex: raft.log.firstIndex(),
    lastIndex: raft.log.lastIndex(),
    lastTerm: raft.log.lastTerm(),
    membership: raft.membership,
    progress: [...raft.progress.values()].map((pr) => ({
      id: pr.id,
      match: pr.match,
      next: pr.next,
      state: pr.state,
      recentlyActive: pr.id === raft.id || pr.recentlyActive,
      inflight: pr.inflights.count,
    })),
  };
}
