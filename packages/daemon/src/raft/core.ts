// RaftCore: the whole Raft algorithm as a state machine without I/O or clock (etcd's
// RawNode). The shell feeds it ticks and messages, and drains Readys:
//
//   for (let rd = core.ready(); rd; rd = core.ready()) {
//     send(rd.earlyMessages);             // may overlap the persist below
//     persist(rd.hardState, rd.entries);  // durable first
//     send(rd.messages);
//     apply(rd.committed);                // in order
//     core.advance(rd);
//   }
//
// Handle each Ready completely and in order before persisting the next one. A Ready only
// holds what earlier Readys did not, so ready() may be called again before advance().
// A leader's appends and heartbeats may leave before its own persist (`earlyMessages`, as
// etcd's leader does): it counts its own entries toward commit only once advance() says
// they are durable, and only once its term and vote are durable may anything leave early.
import { OneKitError } from '@onekit/core';
import { validateRaftConfig, type RaftConfig, type Rng } from './config.js';
import type { Entry, HardState } from './entry.js';
import {
  membershipDefect,
  type Membership,
  type MembershipChange,
  type ServerId,
} from './membership.js';
import { coalesceAppends } from './coalesce-appends.js';
import type { RaftMessage } from './messages.js';
import { Raft } from './raft.js';
import type { ReadState } from './read-index.js';
import {
  propose,
  proposeMembership,
  readIndex,
  resetServer,
  type ProposeResult,
  type ResetResult,
} from './leader-requests.js';
import { leaderPersisted } from './replication.js';
import type { RoleName } from './role.js';
import { raftStatus, type RaftStatus } from './status.js';
import type { RaftStorage } from './storage.js';

/** Who leads, as far as this server knows; not persisted. */
export interface SoftState {
  readonly role: RoleName;
  readonly leader: ServerId | undefined;
  readonly term: number;
  /** A leader whose no-op has not committed: it refuses writes, as oned does. */
  readonly reconciling: boolean;
}

/** A batch of work for the shell. Fields are in the order they must be handled. */
export interface Ready<T> {
  /** Persist before sending any message below. */
  readonly hardState?: HardState;
  /**
   * Append to stable storage before sending any message below, first dropping every
   * stored entry at or after the first one's index.
   */
  readonly entries: readonly Entry<T>[];
  /**
   * May be sent before persisting `entries` (but after `hardState`, which is then absent):
   * a leader's appends and heartbeats in a term whose hard state advance() already saw.
   */
  readonly earlyMessages: readonly RaftMessage<T>[];
  readonly messages: readonly RaftMessage<T>[];
  /** Apply in order, after persisting; includes no-ops and membership entries. */
  readonly committed: readonly Entry<T>[];
  /** Role, leader or reconciling changed. On losing leadership, fail pending reads. */
  readonly softState?: SoftState;
  /** Reads confirmed by a majority: serve each once `index` is applied. */
  readonly readStates: readonly ReadState[];
  /** The configuration in force changed: a membership entry committed. */
  readonly membership?: Membership;
}

export class RaftCore<T> {
  private readonly raft: Raft<T>;
  private handedHardState: HardState;
  /** The hard state the shell reported durable (through advance). */
  private durableHardState: HardState;
  private handedSoftState: SoftState | undefined;
  private handedMembership: Membership;

  /**
   * `membership` is the configuration in force at the storage's applied index (the
   * shell keeps it with the state it applies); `rng` draws election timeouts.
   */
  constructor(config: RaftConfig, storage: RaftStorage<T>, membership: Membership, rng: Rng) {
    validateRaftConfig(config);
    const defect = membershipDefect(membership);
    if (defect) throw new OneKitError('CONFIG_INVALID', defect, { field: 'membership' });
    this.raft = new Raft({ ...config }, storage, membership, rng);
    this.handedHardState = storage.initialState().hardState;
    this.durableHardState = this.handedHardState;
    this.handedSoftState = this.softState();
    this.handedMembership = membership;
  }

  /** One unit of logical time: election timeouts and heartbeats count ticks. */
  tick(): void {
    this.raft.tick();
  }

  step(message: RaftMessage<T>): void {
    this.raft.step(message);
  }

  /** Leader only; refused while reconciling or when this server is not a member. */
  propose(data: T): ProposeResult {
    return propose(this.raft, data);
  }

  /**
   * One change at a time, after the leader's no-op committed; it takes effect on every
   * server when its entry commits. Without `force`, refused when the recently active
   * voters would not be a majority of the new voters.
   */
  proposeMembership(change: MembershipChange, options: { force: boolean }): ProposeResult {
    return proposeMembership(this.raft, change, options);
  }

  /** A linearizable read: see ReadState. `context` identifies the request (unique). */
  readIndex(context: string): ProposeResult {
    return readIndex(this.raft, context);
  }

  /** Leader: replicate to `id` again from the last index + 1 (after a database copy). */
  resetServer(id: ServerId): ResetResult {
    return resetServer(this.raft, id);
  }

  /** What the shell has to do now; undefined when nothing. */
  ready(): Ready<T> | undefined {
    const raft = this.raft;
    const hardChanged =
      raft.term !== this.handedHardState.term || raft.votedFor !== this.handedHardState.votedFor;
    const softState = this.softState();
    const softChanged = softState !== this.handedSoftState;
    const membershipChanged = raft.membership !== this.handedMembership;
    if (
      !hardChanged &&
      !softChanged &&
      !membershipChanged &&
      !raft.log.unstable.hasNotInProgress() &&
      raft.log.committed === raft.log.applying &&
      raft.messages.length === 0 &&
      raft.readStates.length === 0
    ) {
      return undefined;
    }
    const hardState: HardState = { term: raft.term, votedFor: raft.votedFor };
    const entries = raft.log.unstable.notInProgress();
    const committed = raft.log.nextCommitted();
    const { early, late } = this.splitMessages(hardChanged);
    const most = raft.config.maxEntriesPerAppend;
    const ready: Ready<T> = {
      ...(hardChanged && { hardState }),
      entries,
      earlyMessages: coalesceAppends(early, most),
      messages: coalesceAppends(late, most),
      committed,
      ...(softChanged && { softState }),
      readStates: raft.readStates,
      ...(membershipChanged && { membership: raft.membership }),
    };
    raft.log.unstable.markInProgress();
    const lastCommitted = committed.at(-1);
    if (lastCommitted) raft.log.markApplying(lastCommitted.index);
    raft.messages = [];
    raft.readStates = [];
    this.handedHardState = hardState;
    this.handedSoftState = softState;
    this.handedMembership = raft.membership;
    return ready;
  }

  /** The shell persisted, sent and applied `ready`. */
  advance(ready: Ready<T>): void {
    const raft = this.raft;
    if (ready.hardState) this.durableHardState = ready.hardState;
    const lastEntry = ready.entries.at(-1);
    if (lastEntry) raft.log.stableTo(lastEntry.index, lastEntry.term);
    const lastCommitted = ready.committed.at(-1);
    if (lastCommitted) raft.log.appliedTo(lastCommitted.index);
    if (raft.role.name === 'leader') leaderPersisted(raft);
  }

  status(): RaftStatus {
    return raftStatus(this.raft);
  }

  /**
   * A leader's appends and heartbeats carry only its log and commit index: they may leave
   * before its new entries are durable, once its term and vote are. Anything else (vote
   * and append answers) speaks for this server's disk, so it waits for the persist.
   */
  private splitMessages(hardChanged: boolean): {
    early: RaftMessage<T>[];
    late: RaftMessage<T>[];
  } {
    const raft = this.raft;
    const durable = this.durableHardState;
    if (
      hardChanged ||
      raft.role.name !== 'leader' ||
      durable.term !== raft.term ||
      durable.votedFor !== raft.votedFor
    ) {
      return { early: [], late: raft.messages };
    }
    const early: RaftMessage<T>[] = [];
    const late: RaftMessage<T>[] = [];
    for (const m of raft.messages) {
      const leaderSpeech = (m.type === 'append' || m.type === 'heartbeat') && m.term === raft.term;
      (leaderSpeech ? early : late).push(m);
    }
    return { early, late };
  }

  private softState(): SoftState {
    const raft = this.raft;
    const handed = this.handedSoftState;
    const reconciling = raft.reconcilingUntil !== undefined;
    // The same object when nothing changed, so that an idle ready() allocates nothing.
    if (
      handed?.role === raft.role.name &&
      handed.leader === raft.leader &&
      handed.term === raft.term &&
      handed.reconciling === reconciling
    ) {
      return handed;
    }
    return { role: raft.role.name, leader: raft.leader, term: raft.term, reconciling };
  }
}
