// The follower role: wait for the leader, append what log matching allows, and campaign
// when the leader stays silent for the randomized election timeout.
import type { AppendRequest, Heartbeat } from './messages.js';
import type { Raft } from './raft.js';
import type { Role } from './role.js';

export function tickElection<T>(raft: Raft<T>): void {
  raft.electionElapsed++;
  if (raft.promotable() && raft.electionElapsed >= raft.randomizedElectionTimeout) {
    raft.electionElapsed = 0;
    raft.startElection();
  }
}

export const followerRole: Role = {
  name: 'follower',
  tick: tickElection,
  step(raft, m) {
    if (m.type !== 'append' && m.type !== 'heartbeat') return;
    raft.electionElapsed = 0;
    raft.leader = m.from;
    if (m.type === 'append') handleAppend(raft, m);
    else handleHeartbeat(raft, m);
  },
};

function handleAppend<T>(raft: Raft<T>, m: AppendRequest<T>): void {
  const { log } = raft;
  const reply = { type: 'append-response', ...raft.envelope(m.from) } as const;
  if (m.prevIndex < log.committed) {
    // Everything up to our commit index is in the leader's log already.
    if (!m.quiet) raft.send({ ...reply, success: true, index: log.committed });
    return;
  }
  const lastNew = log.appendAfter(m.prevIndex, m.prevTerm, m.entries);
  if (lastNew !== undefined) {
    raft.commitTo(m.commit < lastNew ? m.commit : lastNew);
    if (!m.quiet) raft.send({ ...reply, success: true, index: lastNew });
    return;
  }
  const last = log.lastIndex();
  const hint = log.findConflictByTerm(m.prevIndex < last ? m.prevIndex : last, m.prevTerm);
  raft.send({
    ...reply,
    success: false,
    rejectedIndex: m.prevIndex,
    hintIndex: hint.index,
    hintTerm: hint.term,
  });
}

function handleHeartbeat<T>(raft: Raft<T>, m: Heartbeat): void {
  // The leader bounds `commit` by what we are known to hold; past our end it cannot be ours.
  if (m.commit <= raft.log.lastIndex()) raft.commitTo(m.commit);
  raft.send({
    type: 'heartbeat-response',
    ...raft.envelope(m.from),
    context: m.context,
    commit: raft.log.committed,
  });
}
