// The candidate role: count votes; a majority makes a leader, a lost election or a leader
// of the same term makes a follower again. The pre-candidate counts pre-votes the same way;
// a majority makes a real candidate. Each ignores the other's answers.
import { followerRole, tickElection } from './follower.js';
import { voteResult } from './quorum.js';
import type { Raft } from './raft.js';
import type { Role } from './role.js';

/** A role that collects votes of one kind and, on winning, goes on with `onWin`. */
function votingRole(o: { preVote: boolean; onWin: <T>(raft: Raft<T>) => void }): Role {
  return {
    name: 'candidate',
    tick: tickElection,
    step(raft, m) {
      switch (m.type) {
        case 'vote-response': {
          if (Boolean(m.preVote) !== o.preVote) return;
          raft.votes.set(m.from, m.granted);
          raft.learnCommit(m.commit, m.commitTerm);
          if (!raft.promotable()) {
            // What we learned committed removed us.
            raft.becomeFollower(raft.term, undefined);
            return;
          }
          const result = voteResult(raft.membership.voters, raft.votes);
          if (result === 'won') o.onWin(raft);
          else if (result === 'lost') raft.becomeFollower(raft.term, undefined);
          return;
        }
        case 'append':
        case 'heartbeat':
          raft.becomeFollower(raft.term, m.from);
          followerRole.step(raft, m);
          return;
      }
    },
  };
}

export const preCandidateRole: Role = votingRole({
  preVote: true,
  onWin: (raft) => raft.campaign(),
});

export const candidateRole: Role = votingRole({
  preVote: false,
  onWin: (raft) => raft.becomeLeader(),
});
