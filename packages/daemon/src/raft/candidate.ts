// The candidate role: count votes; a majority makes a leader, a lost election or a leader
// of the same term makes a follower again. The pre-candidate counts pre-votes the same way;
// a majority makes a real candidate. Each ignores the other's answers.
import { followerRole, tickElection } from './follower.js';
import { voteResult } from './quorum.js';
import type { Role } from './role.js';

export const preCandidateRole: Role = {
  name: 'candidate',
  tick: tickElection,
  step(raft, m) {
    switch (m.type) {
      case 'vote-response': {
        if (!m.preVote) return;
        raft.votes.set(m.from, m.granted);
        raft.learnCommit(m.commit, m.commitTerm);
        if (!raft.promotable()) {
          raft.becomeFollower(raft.term, undefined);
          return;
        }
        const result = voteResult(raft.membership.voters, raft.votes);
        if (result === 'won') raft.campaign();
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

export const candidateRole: Role = {
  name: 'candidate',
  tick: tickElection,
  step(raft, m) {
    switch (m.type) {
      case 'vote-response': {
        if (m.preVote) return;
        raft.votes.set(m.from, m.granted);
        raft.learnCommit(m.commit, m.commitTerm);
        if (!raft.promotable()) {
          // What we learned committed removed us.
          raft.becomeFollower(raft.term, undefined);
          return;
        }
        const result = voteResult(raft.membership.voters, raft.votes);
        if (result === 'won') raft.becomeLeader();
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
