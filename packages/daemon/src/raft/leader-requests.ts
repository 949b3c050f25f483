// What the shell asks of a leader: writes, membership changes, linearizable reads and the
// operator's server reset. Refusals are results, not exceptions: a follower answers with
// the leader it knows so the shell can forward the request there.
import {
  applyMembershipChange,
  isMember,
  type MembershipChange,
  type MembershipProblem,
  type ServerId,
} from './membership.js';
import { hasQuorum, majority } from './quorum.js';
import type { Raft } from './raft.js';
import { broadcastHeartbeat, leaderAppend, sendAppend } from './replication.js';

export type ProposeResult =
  | { readonly ok: true; readonly index: bigint }
  | {
      readonly ok: false;
      /**
       * not-leader: ask `leader` (when known). removed: this server is not a member.
       * reconciling: the leader's no-op has not committed yet. membership-pending: an
       * earlier change has not committed. quorum-loss: after the change the recently
       * active voters would not be a majority.
       */
      readonly reason:
        'not-leader' | 'removed' | 'reconciling' | 'membership-pending' | 'quorum-loss';
      readonly leader?: ServerId;
    }
  | { readonly ok: false; readonly reason: 'invalid-change'; readonly problem: MembershipProblem };

export type ResetResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: 'not-leader' | 'unknown-server';
      readonly leader?: ServerId;
    };

function writeRefusal<T>(raft: Raft<T>): ProposeResult | undefined {
  if (!isMember(raft.membership, raft.id)) return { ok: false, reason: 'removed' };
  if (raft.role.name !== 'leader') {
    return {
      ok: false,
      reason: 'not-leader',
      ...(raft.leader !== undefined && { leader: raft.leader }),
    };
  }
  if (raft.reconcilingUntil !== undefined) return { ok: false, reason: 'reconciling' };
  return undefined;
}

export function propose<T>(raft: Raft<T>, value: T): ProposeResult {
  const refusal = writeRefusal(raft);
  if (refusal) return refusal;
  return { ok: true, index: leaderAppend(raft, { kind: 'data', value }) };
}

export function proposeMembership<T>(
  raft: Raft<T>,
  change: MembershipChange,
  options: { force: boolean },
): ProposeResult {
  const refusal = writeRefusal(raft);
  if (refusal) return refusal;
  if (raft.pendingMembershipIndex > raft.log.committed) {
    return { ok: false, reason: 'membership-pending' };
  }
  const outcome = applyMembershipChange(raft.membership, change);
  if (!outcome.ok) return { ok: false, reason: 'invalid-change', problem: outcome.problem };
  const active = (id: ServerId) => id === raft.id || raft.progress.get(id)?.recentlyActive === true;
  if (!options.force && !hasQuorum(outcome.membership.voters, active)) {
    return { ok: false, reason: 'quorum-loss' };
  }
  const index = leaderAppend(raft, { kind: 'membership', change });
  raft.pendingMembershipIndex = index;
  return { ok: true, index };
}

/**
 * Registers a read at the current commit index; its ReadState appears in a later Ready
 * once a majority has answered a heartbeat sent after this call.
 */
export function readIndex<T>(raft: Raft<T>, context: string): ProposeResult {
  const refusal = writeRefusal(raft);
  if (refusal) return refusal;
  const index = raft.log.committed;
  if (majority(raft.membership.voters.length) === 1) {
    raft.readStates.push({ context, index });
  } else {
    raft.reads.add(context, index, raft.id);
    broadcastHeartbeat(raft);
  }
  return { ok: true, index };
}

/**
 * After the operator copied the leader's database to `id`: replicate to it again from the
 * leader's last index + 1 (oned's server-reset); log matching walks back from there.
 */
export function resetServer<T>(raft: Raft<T>, id: ServerId): ResetResult {
  if (raft.role.name !== 'leader') {
    return {
      ok: false,
      reason: 'not-leader',
      ...(raft.leader !== undefined && { leader: raft.leader }),
    };
  }
  const pr = raft.progress.get(id);
  if (!pr || id === raft.id) return { ok: false, reason: 'unknown-server' };
  pr.restartAt(raft.log.lastIndex() + 1n);
  sendAppend(raft, pr, { sendIfEmpty: true });
  return { ok: true };
}
