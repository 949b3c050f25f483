// A simulated server: the stable storage a real one keeps on disk (hard state, log,
// applied index and the membership in force at it) and a RaftCore that a crash throws
// away. Restarting rebuilds the core from storage only, as the daemon does.
import {
  applyMembershipChange,
  MemoryRaftStorage,
  RaftCore,
  type Entry,
  type Membership,
  type RaftConfig,
  type RaftMessage,
  type Ready,
  type Rng,
} from '../../../src/raft/index.js';

export type Value = string;

/** What the shell does with each part of a Ready, for checks and traces. */
export interface ReadyObserver {
  ready?(server: SimServer, ready: Ready<Value>): void;
  /** The early messages left; answering true crashes the server before it persists. */
  crashBeforePersist?(server: SimServer, ready: Ready<Value>): boolean;
  persisted?(server: SimServer, entries: readonly Entry<Value>[]): void;
  applied?(server: SimServer, entry: Entry<Value>): void;
  handled?(server: SimServer, ready: Ready<Value>): void;
}

export class SimServer {
  storage = new MemoryRaftStorage<Value>();
  /** The membership in force at the storage's applied index (kept with applied state). */
  appliedMembership: Membership;
  core: RaftCore<Value> | undefined;

  constructor(
    readonly id: number,
    private readonly config: RaftConfig,
    membership: Membership,
    private readonly rng: Rng,
  ) {
    this.appliedMembership = membership;
  }

  get running(): boolean {
    return this.core !== undefined;
  }

  start(): void {
    this.core = new RaftCore(this.config, this.storage, this.appliedMembership, this.rng);
  }

  crash(): void {
    this.core = undefined;
  }

  /** Takes over another server's database (storage and applied state), keeping our vote. */
  restoreCopyOf(source: SimServer): void {
    const { hardState } = this.storage.initialState();
    this.storage = source.storage.copy();
    this.storage.setHardState(hardState);
    this.appliedMembership = source.appliedMembership;
  }

  /** Handles every pending Ready the way the daemon's shell does. */
  drain(send: (m: RaftMessage<Value>) => void, observer: ReadyObserver = {}): void {
    const core = this.core;
    if (!core) return;
    for (let ready = core.ready(); ready; ready = core.ready()) {
      observer.ready?.(this, ready);
      for (const m of ready.earlyMessages) send(m);
      if (observer.crashBeforePersist?.(this, ready)) {
        this.crash();
        return;
      }
      if (ready.hardState) this.storage.setHardState(ready.hardState);
      if (ready.entries.length) {
        this.storage.append(ready.entries);
        observer.persisted?.(this, ready.entries);
      }
      for (const m of ready.messages) send(m);
      for (const entry of ready.committed) {
        if (entry.data?.kind === 'membership') {
          const outcome = applyMembershipChange(this.appliedMembership, entry.data.change);
          if (outcome.ok) this.appliedMembership = outcome.membership;
        }
        this.storage.setApplied(entry.index);
        observer.applied?.(this, entry);
      }
      observer.handled?.(this, ready);
      core.advance(ready);
    }
  }
}
