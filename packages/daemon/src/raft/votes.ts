// Granting votes (Raft §5.2, §5.4.1; the checks oned makes, in its order): a candidate of an
// older term is refused before this runs; then one whose log is behind ours; then any
// candidate other than the one already voted for in this term, or while a leader is known.
import type { VoteRefusal, VoteRequest } from './messages.js';
import { NO_VOTE } from './entry.js';
import type { Raft } from './raft.js';

export function handleVoteRequest<T>(raft: Raft<T>, m: VoteRequest): void {
  const refusal = voteRefusal(raft, m);
  if (refusal === undefined && !m.preVote) {
    raft.votedFor = m.from;
    raft.electionElapsed = 0;
  }
  // A granted pre-vote answers in the term asked about; a refusal in our own.
  const term = refusal === undefined && m.preVote ? m.term : raft.term;
  raft.send({
    type: 'vote-response',
    ...raft.envelope(m.from),
    term,
    granted: refusal === undefined,
    ...(refusal && { refusal }),
    ...raft.commitPoint(),
    ...(m.preVote && { preVote: true }),
  });
}

function voteRefusal<T>(raft: Raft<T>, m: VoteRequest): VoteRefusal | undefined {
  if (!raft.log.isUpToDate(m.lastIndex, m.lastTerm)) return 'outdated-log';
  // A pre-vote asks about a later term, in which no vote is given yet (nor any leader
  // known: a server in its leader's lease ignores the question before it gets here).
  if (m.preVote) return m.term > raft.term ? undefined : 'outdated-term';
  if (raft.votedFor === m.from) return undefined;
  if (raft.votedFor !== NO_VOTE) return 'already-voted';
  if (raft.leader !== undefined) return 'has-leader';
  return undefined;
}
