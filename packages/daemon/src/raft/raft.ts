// The state of one Raft server and its transitions (etcd's raft struct). Internal: the
// public surface is RaftCore, which adds Ready/advance on top.
import { candidateRole, preCandidateRole } from './candidate.js';
import type { RaftConfig, Rng } from './config.js';
import { NO_VOTE } from './entry.js';
import { followerRole } from './follower.js';
import { leaderRole } from './leader.js';
import { RaftLog } from './log.js';
import {
  applyMembershipChange,
  isVoter,
  members,
  type Membership,
  type ServerId,
} from './membership.js';
import type { RaftMessage } from './messages.js';
import { Progress } from './progress.js';
import { voteResult } from './quorum.js';
import { PendingReads, type ReadState } from './read-index.js';
import { broadcastAppend, leaderAppend } from './replication.js';
import type { Role } from './role.js';
import type { RaftStorage } from './storage.js';
import { handleVoteRequest } from './votes.js';

export class Raft<T> {
  readonly id: ServerId;
  readonly log: RaftLog<T>;
  term: number;
  votedFor: number;
  leader: ServerId | undefined;
  role: Role = followerRole;
  /** The configuration in force: the last membership entry that committed. */
  membership: Membership;
  electionElapsed = 0;
  heartbeatElapsed = 0;
  randomizedElectionTimeout = 0;
  readonly votes = new Map<ServerId, boolean>();
  /** Leader only: one entry per member, this server included. */
  readonly progress = new Map<ServerId, Progress>();
  /** Leader only: index of its no-op; writes are refused until it commits. */
  reconcilingUntil: bigint | undefined;
  /** Leader only: index of the newest membership entry it appended. */
  pendingMembershipIndex = 0n;
  /**
   * Leader only: index of the committed entry that removed this leader. It keeps leading
   * (refusing requests, not counting itself) until a remaining voter holds its whole log
   * and knows that entry committed, then steps down: that voter can then win an election
   * with the new configuration, which the others might not know of yet.
   */
  leavingAfter: bigint | undefined;
  readonly reads = new PendingReads();
  /** Outbox, drained by Ready. */
  messages: RaftMessage<T>[] = [];
  readStates: ReadState[] = [];

  constructor(
    readonly config: RaftConfig,
    storage: RaftStorage<T>,
    membership: Membership,
    private readonly rng: Rng,
  ) {
    const { hardState, applied } = storage.initialState();
    this.id = config.id;
    this.log = new RaftLog(storage, applied);
    this.term = hardState.term;
    this.votedFor = hardState.votedFor;
    this.membership = membership;
    this.becomeFollower(hardState.term, undefined);
  }

  envelope(to: ServerId): { from: ServerId; to: ServerId; term: number } {
    return { from: this.id, to, term: this.term };
  }

  send(m: RaftMessage<T>): void {
    this.messages.push(m);
  }

  tick(): void {
    this.role.tick(this);
  }

  step(m: RaftMessage<T>): void {
    if (m.to !== this.id) return;
    if (m.term > this.term) {
      // A server that hears from its leader ignores disruptive candidates (removed or
      // partitioned servers whose term ran ahead).
      if (m.type === 'vote-request' && this.inLease()) return;
      // A pre-vote carries the term its sender would campaign in: it changes nobody's term.
      if (m.type === 'vote-request' && m.preVote) {
        handleVoteRequest(this, m);
        return;
      }
      if (m.type === 'vote-response' && m.preVote && m.granted) {
        this.role.step(this, m);
        return;
      }
      const leader = m.type === 'append' || m.type === 'heartbeat' ? m.from : undefined;
      this.becomeFollower(m.term, leader);
    } else if (m.term < this.term) {
      this.answerStale(m);
      return;
    }
    if (m.type === 'vote-request') handleVoteRequest(this, m);
    else this.role.step(this, m);
  }

  /** Voters campaign; learners and removed servers never do. */
  promotable(): boolean {
    return isVoter(this.membership, this.id);
  }

  /** The election timeout ran out: ask for pre-votes first when configured, else campaign. */
  startElection(): void {
    if (!this.config.preVote) {
      this.campaign();
      return;
    }
    this.becomePreCandidate();
    if (voteResult(this.membership.voters, this.votes) === 'won') {
      this.campaign();
      return;
    }
    const lastIndex = this.log.lastIndex();
    const lastTerm = this.log.lastTerm();
    for (const voter of this.membership.voters) {
      if (voter === this.id) continue;
      const envelope = { ...this.envelope(voter), term: this.term + 1 };
      this.send({ type: 'vote-request', ...envelope, lastIndex, lastTerm, preVote: true });
    }
  }

  campaign(): void {
    this.becomeCandidate();
    if (voteResult(this.membership.voters, this.votes) === 'won') {
      this.becomeLeader();
      return;
    }
    const lastIndex = this.log.lastIndex();
    const lastTerm = this.log.lastTerm();
    for (const voter of this.membership.voters) {
      if (voter === this.id) continue;
      this.send({ type: 'vote-request', ...this.envelope(voter), lastIndex, lastTerm });
    }
  }

  becomeFollower(term: number, leader: ServerId | undefined): void {
    this.reset(term);
    this.role = followerRole;
    this.leader = leader;
  }

  /** Term and vote stay as they are: only a won pre-vote leads to a campaign. */
  becomePreCandidate(): void {
    this.reset(this.term);
    this.role = preCandidateRole;
    this.votes.set(this.id, true);
  }

  becomeCandidate(): void {
    this.reset(this.term + 1);
    this.role = candidateRole;
    this.votedFor = this.id;
    this.votes.set(this.id, true);
  }

  becomeLeader(): void {
    this.reset(this.term);
    this.role = leaderRole;
    this.leader = this.id;
    const next = this.log.lastIndex() + 1n;
    for (const id of members(this.membership)) {
      this.progress.set(id, new Progress(id, next, this.config.maxInflightAppends));
    }
    const self = this.progress.get(this.id);
    if (self) {
      self.match = this.log.stableLastIndex();
      self.activeNow = true;
    }
    // Until the no-op of its term commits, the leader does not know what is committed.
    const noop = leaderAppend(this, undefined);
    this.reconcilingUntil = noop;
    this.pendingMembershipIndex = noop;
  }

  /** The last committed entry, as vote responses report it. */
  commitPoint(): { commit: bigint; commitTerm: number } {
    const commit = this.log.committed;
    return { commit, commitTerm: this.log.term(commit) };
  }

  /**
   * Another server reports (commit, commitTerm) committed. If we hold that entry, log
   * matching says we hold the whole committed prefix, so it is committed here too.
   */
  learnCommit(commit: bigint, commitTerm: number): void {
    if (commit > this.log.committed && this.log.matchTerm(commit, commitTerm)) {
      this.commitTo(commit);
    }
  }

  /** Raises the commit index; a committed membership entry takes effect here. */
  commitTo(index: bigint): void {
    const previous = this.log.committed;
    if (index <= previous) return;
    this.log.commitTo(index);
    for (const entry of this.log.slice(previous + 1n, index + 1n)) {
      if (entry.data?.kind !== 'membership') continue;
      const outcome = applyMembershipChange(this.membership, entry.data.change);
      // A change was valid when proposed and nothing else changed since; if it is not,
      // every server skips it alike.
      if (outcome.ok) this.changeMembership(outcome.membership, entry.index);
    }
    if (this.reconcilingUntil !== undefined && index >= this.reconcilingUntil) {
      this.reconcilingUntil = undefined;
    }
  }

  private changeMembership(membership: Membership, index: bigint): void {
    this.membership = membership;
    if (this.role !== leaderRole) return;
    const next = this.log.lastIndex() + 1n;
    for (const id of members(membership)) {
      if (!this.progress.has(id)) {
        this.progress.set(id, new Progress(id, next, this.config.maxInflightAppends));
      }
    }
    for (const id of this.progress.keys()) {
      if (id !== this.id && !members(membership).includes(id)) this.progress.delete(id);
    }
    if (!isVoter(membership, this.id)) {
      this.leavingAfter = index;
      broadcastAppend(this);
    }
  }

  /** A leaving leader steps down once a remaining voter can take over (see leavingAfter). */
  maybeHandOver(): void {
    if (this.leavingAfter === undefined) return;
    const last = this.log.lastIndex();
    for (const id of this.membership.voters) {
      const pr = this.progress.get(id);
      if (pr && pr.match === last && pr.knownCommit >= this.leavingAfter) {
        this.becomeFollower(this.term, undefined);
        return;
      }
    }
  }

  private inLease(): boolean {
    return (
      this.config.checkQuorum &&
      this.leader !== undefined &&
      this.electionElapsed < this.config.electionTicks
    );
  }

  /** A message from an older term: answer so that a stale leader or candidate steps down. */
  private answerStale(m: RaftMessage<T>): void {
    const envelope = this.envelope(m.from);
    switch (m.type) {
      case 'append':
        this.send({
          type: 'append-response',
          ...envelope,
          success: false,
          rejectedIndex: m.prevIndex,
          hintIndex: this.log.lastIndex(),
          hintTerm: undefined,
        });
        return;
      case 'heartbeat':
        this.send({
          type: 'heartbeat-response',
          ...envelope,
          context: undefined,
          commit: this.log.committed,
        });
        return;
      case 'vote-request':
        this.send({
          type: 'vote-response',
          ...envelope,
          granted: false,
          refusal: 'outdated-term',
          ...this.commitPoint(),
          ...(m.preVote && { preVote: true }),
        });
        return;
    }
  }

  private reset(term: number): void {
    if (term !== this.term) {
      this.term = term;
      this.votedFor = NO_VOTE;
    }
    this.leader = undefined;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    const { electionTicks } = this.config;
    const jitter = Math.min(Math.floor(this.rng() * electionTicks), electionTicks - 1);
    this.randomizedElectionTimeout = electionTicks + Math.max(0, jitter);
    this.votes.clear();
    this.progress.clear();
    this.reads.clear();
    this.reconcilingUntil = undefined;
    this.pendingMembershipIndex = 0n;
    this.leavingAfter = undefined;
  }
}
