// The leader role: heartbeats, the check-quorum window, and the follower answers that move
// replication along.
import type { AppendResponse, HeartbeatResponse } from './messages.js';
import { hasQuorum } from './quorum.js';
import type { Raft } from './raft.js';
import { broadcastAppend, broadcastHeartbeat, maybeCommit, sendAppend } from './replication.js';
import type { Role } from './role.js';

export const leaderRole: Role = {
  name: 'leader',
  tick(raft) {
    raft.heartbeatElapsed++;
    raft.electionElapsed++;
    if (raft.electionElapsed >= raft.config.electionTicks) {
      raft.electionElapsed = 0;
      if (!closeActivityWindow(raft)) return;
    }
    if (raft.heartbeatElapsed >= raft.config.heartbeatTicks) {
      raft.heartbeatElapsed = 0;
      broadcastHeartbeat(raft);
    }
  },
  step(raft, m) {
    if (m.type === 'append-response') handleAppendResponse(raft, m);
    else if (m.type === 'heartbeat-response') handleHeartbeatResponse(raft, m);
  },
};

/**
 * Ends a check-quorum window. With checkQuorum, a leader that did not hear from a majority
 * of voters during it steps down (so a minority side stops acting as leader). Returns
 * whether this server is still the leader.
 */
function closeActivityWindow<T>(raft: Raft<T>): boolean {
  const quorumActive = hasQuorum(
    raft.membership.voters,
    (id) => id === raft.id || raft.progress.get(id)?.activeNow === true,
  );
  for (const pr of raft.progress.values()) {
    if (pr.id !== raft.id) pr.rollActivityWindow();
  }
  if (raft.config.checkQuorum && !quorumActive) {
    raft.becomeFollower(raft.term, undefined);
    return false;
  }
  return true;
}

function handleAppendResponse<T>(raft: Raft<T>, m: AppendResponse): void {
  const pr = raft.progress.get(m.from);
  if (!pr) return;
  pr.activeNow = true;
  if (!m.success) {
    if (pr.state === 'needs-reset') return;
    const hint =
      m.hintTerm !== undefined && m.hintTerm > 0
        ? raft.log.findConflictByTerm(m.hintIndex, m.hintTerm).index
        : m.hintIndex;
    if (pr.maybeDecrTo(m.rejectedIndex, hint)) {
      if (pr.state === 'replicate') pr.becomeProbe();
      sendAppend(raft, pr, { sendIfEmpty: true });
    }
    return;
  }
  const acknowledgedProbe = pr.match === m.index && pr.state === 'probe';
  if (!pr.maybeUpdate(m.index) && !acknowledgedProbe) return;
  if (pr.state === 'probe') pr.becomeReplicate();
  else if (pr.state === 'replicate') pr.inflights.freeLE(m.index);
  if (maybeCommit(raft)) broadcastAppend(raft);
  // Committing may have removed this follower.
  if (raft.progress.get(m.from) !== pr) return;
  // It may have missed the commit index while its flow was paused.
  if (pr.canBumpCommit(raft.log.committed)) sendAppend(raft, pr, { sendIfEmpty: true });
  while (sendAppend(raft, pr, { sendIfEmpty: false })) {
    // keep filling the window while there are entries to send
  }
  raft.maybeHandOver();
}

function handleHeartbeatResponse<T>(raft: Raft<T>, m: HeartbeatResponse): void {
  const pr = raft.progress.get(m.from);
  if (!pr) return;
  pr.activeNow = true;
  pr.probeSent = false;
  if (m.commit > pr.knownCommit) pr.knownCommit = m.commit;
  if (pr.state === 'replicate' && pr.inflights.full()) pr.inflights.freeFirstOne();
  if (pr.match < raft.log.lastIndex()) sendAppend(raft, pr, { sendIfEmpty: true });
  if (m.context !== undefined) {
    raft.readStates.push(...raft.reads.acknowledge(m.context, m.from, raft.membership.voters));
  }
  raft.maybeHandOver();
}
