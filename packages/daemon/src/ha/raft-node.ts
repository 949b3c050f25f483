// The Raft shell: the only place where the zone's Raft core meets timers, logdb and the
// network. It ticks the core, feeds it the messages other servers send, and drains its
// Readys in order: send a leader's appends, persist the vote and the new entries and apply
// what committed in one log store transaction (the same apply path a solo server uses),
// send the other messages, then advance.
import type { RaftConfig as OnedRaftConfig } from '@onekit/core';
import type { Logger } from '../log/index.js';
import {
  RaftCore,
  type Membership,
  type ProposeResult,
  type RaftMessage,
  type RaftStatus,
  type Ready,
  type Rng,
  type SoftState,
} from '../raft/index.js';
import type { ZoneMember } from '../pools/zone/index.js';
import type { ApplyReport, LogStore, ServerChange } from '../write-path/index.js';
import {
  fromEncodedEntry,
  isLoaded,
  toEncodedEntry,
  type LogPayload,
  type ZoneLogEntry,
} from './log-payload.js';
import type { LogWindow } from './log-window.js';
import { PeerTransport } from './peer-transport.js';
import { raftTiming } from './raft-timing.js';

/** Why a write was not taken: the router turns these into oned's messages. */
export class RaftRefusal extends Error {
  constructor(
    readonly reason: Exclude<ProposeResult, { ok: true }>['reason'] | 'leadership-lost' | 'stopped',
    message: string,
  ) {
    super(message);
    this.name = 'RaftRefusal';
  }
}

export interface RaftNodeOptions {
  readonly log: LogStore;
  readonly window: LogWindow;
  readonly serverId: number;
  readonly zoneId: number;
  readonly federationMaster: boolean;
  readonly raft: OnedRaftConfig;
  /** Voters (the zone's SERVER_POOL) and learners at the applied index. */
  readonly voters: readonly ZoneMember[];
  readonly learners: readonly ZoneMember[];
  readonly key: Buffer;
  readonly clock: () => number;
  readonly rng: Rng;
  readonly logger: Logger;
  /** Told when this server becomes leader, and when it stops being leader. */
  readonly onRoleChange?: (role: SoftState['role'], previous: SoftState['role']) => void;
  /** The log cannot be written: the server must stop. */
  readonly onFatal: (error: unknown) => void;
}

interface Waiter {
  /** The entry's data as proposed: a different object at that index means it was replaced. */
  readonly data: object;
  readonly resolve: (value: { index: bigint }) => void;
  readonly reject: (reason: unknown) => void;
}

interface PendingRead {
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  index?: bigint;
}

export class RaftNode {
  private readonly core: RaftCore<LogPayload>;
  private readonly transport: PeerTransport;
  private readonly members = new Map<number, ZoneMember>();
  private readonly waiters = new Map<bigint, Waiter>();
  private readonly reads = new Map<string, PendingRead>();
  private soft: SoftState;
  private applied: bigint;
  private draining: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private nextRead = 0;
  private openRead: Promise<void> | undefined;
  private ticks = 0;
  private readonly softWatchers = new Set<(soft: SoftState) => void>();

  constructor(private readonly o: RaftNodeOptions) {
    const timing = raftTiming(o.raft);
    for (const m of [...o.voters, ...o.learners]) this.members.set(m.id, m);
    const membership: Membership = {
      voters: o.voters.map((m) => m.id),
      learners: o.learners.map((m) => m.id),
    };
    this.core = new RaftCore<LogPayload>(
      {
        id: o.serverId,
        electionTicks: timing.electionTicks,
        heartbeatTicks: timing.heartbeatTicks,
        maxEntriesPerAppend: 512,
        maxInflightAppends: 64,
        checkQuorum: true,
        preVote: true,
      },
      o.window,
      membership,
      o.rng,
    );
    this.soft = {
      role: 'follower',
      leader: undefined,
      term: o.window.initialState().hardState.term,
      reconciling: false,
    };
    this.applied = o.window.initialState().applied;
    this.transport = new PeerTransport({
      zone: o.zoneId,
      self: o.serverId,
      key: o.key,
      timeoutMs: timing.peerTimeoutMs,
      load: (messages) => this.loadEntries(messages),
      clock: o.clock,
      log: o.logger,
    });
    this.transport.setEndpoints(this.endpoints());
    this.timer = setInterval(() => this.tick(), timing.tickMs);
  }

  get softState(): SoftState {
    return this.soft;
  }

  /** Calls `watcher` with the new state whenever the role, leader or reconciling changes. */
  watchSoftState(watcher: (soft: SoftState) => void): () => void {
    this.softWatchers.add(watcher);
    return () => this.softWatchers.delete(watcher);
  }

  get lastApplied(): bigint {
    return this.applied;
  }

  /** The XML-RPC endpoint of a server of the zone, if it is known. */
  endpointOf(id: number): string | undefined {
    return this.members.get(id)?.endpoint;
  }

  /** Every server the zone's Raft knows, voters and learners. */
  knownServers(): ZoneMember[] {
    return [...this.members.values()].sort((a, b) => a.id - b.id);
  }

  status(): RaftStatus {
    return this.core.status();
  }

  /** Commits a write: resolves once it is applied here, with its index. */
  propose(payload: LogPayload): Promise<{ index: bigint }> {
    return this.submit(payload, () => this.core.propose(payload));
  }

  /** Commits a change to the zone's servers (applied like any entry). */
  proposeServerChange(change: ServerChange, o: { force: boolean }): Promise<{ index: bigint }> {
    return this.submit(change, () => this.core.proposeMembership(change, o));
  }

  /**
   * Resolves once this server has applied everything a majority had committed when asked.
   * Reads asked before the next drain share one confirmation: no write is acknowledged
   * between their asking and that drain, so none can be missed.
   */
  linearizableRead(): Promise<void> {
    if (this.openRead) return this.openRead;
    const context = `r${this.nextRead++}`;
    const result = this.core.readIndex(context);
    if (!result.ok) return Promise.reject(refusalOf(result));
    this.openRead = new Promise((resolve, reject) => {
      this.reads.set(context, { resolve, reject });
      this.kick();
    });
    return this.openRead;
  }

  /** The leader sends `id` its log again from the end (after the server got a fresh copy). */
  resetServer(id: number): boolean {
    const result = this.core.resetServer(id);
    this.kick();
    return result.ok;
  }

  /** Purge removed entries: everything before `first` is gone from logdb. */
  logPurged(first: bigint): void {
    this.o.window.compactedTo(first);
  }

  receive(messages: readonly RaftMessage<LogPayload>[]): void {
    if (this.stopped) return;
    for (const message of messages) this.core.step(message);
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.transport.close();
    await this.draining;
    this.failPending(new RaftRefusal('stopped', 'the server is stopping'));
  }

  private submit(data: object, propose: () => ProposeResult): Promise<{ index: bigint }> {
    if (this.stopped) return Promise.reject(new RaftRefusal('stopped', 'the server is stopping'));
    const result = propose();
    if (!result.ok) return Promise.reject(refusalOf(result));
    return new Promise((resolve, reject) => {
      this.waiters.set(result.index, { data, resolve, reject });
      this.kick();
    });
  }

  private tick(): void {
    if (this.stopped) return;
    this.core.tick();
    // Now and then, a leader promotes the learners that have caught up.
    if (++this.ticks % 10 === 0 && this.soft.role === 'leader') this.promoteLearners();
    this.kick();
  }

  private promoteLearners(): void {
    const status = this.core.status();
    for (const id of status.membership.learners) {
      const progress = status.progress.find((p) => p.id === id);
      const member = this.members.get(id);
      if (!progress || !member || !progress.recentlyActive || progress.match < status.commit)
        continue;
      const change: ServerChange = {
        type: 'promote',
        id,
        zoneId: this.o.zoneId,
        name: member.name,
        endpoint: member.endpoint,
      };
      const result = this.core.proposeMembership(change, { force: false });
      if (result.ok)
        this.o.logger.info('RCM', `Server ${id} has caught up: promoting it to voter.`);
      return; // one change at a time
    }
  }

  private kick(): void {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((err) => {
        this.stopped = true;
        clearInterval(this.timer);
        this.failPending(err);
        this.o.onFatal(err);
      })
      .finally(() => {
        this.draining = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    // Let the calls of this tick propose first, so that they share one append.
    await Promise.resolve();
    this.openRead = undefined;
    for (let rd = this.core.ready(); rd; rd = this.core.ready()) {
      await this.handle(rd);
      this.core.advance(rd);
    }
  }

  private async handle(rd: Ready<LogPayload>): Promise<void> {
    const { log, window } = this.o;
    // A leader's appends leave first, so that the followers write while it writes (its own
    // sync waits off the event loop, so they reach the sockets meanwhile).
    if (rd.earlyMessages.length > 0) this.transport.send(rd.earlyMessages);
    // The vote, the new entries and the committed ones applied: one transaction.
    const encode = { federationMaster: this.o.federationMaster };
    const applyTo = rd.committed.at(-1)?.index;
    const report = await log.persistReady({
      ...(rd.hardState && { hardState: rd.hardState }),
      entries: rd.entries.map((e) => toEncodedEntry(e, encode)),
      ...(applyTo !== undefined && { applyTo }),
      // Entries read back from the log without their payload are read again by the store.
      ...(rd.committed.every(isLoaded) && {
        committed: rd.committed.map((e) => toEncodedEntry(e, encode)),
      }),
    });
    if (rd.hardState) window.savedHardState(rd.hardState);
    if (rd.entries.length > 0) window.appended(rd.entries);
    this.transport.send(rd.messages);
    if (rd.committed.length > 0) this.settleApplied(rd.committed, report);
    if (rd.softState) this.changeRole(rd.softState);
    if (rd.membership) this.transport.setEndpoints(this.endpoints());
    for (const state of rd.readStates) {
      const read = this.reads.get(state.context);
      if (read) read.index = state.index;
    }
    this.settleReads();
  }

  /** The committed entries are applied: answer their writers, learn server changes. */
  private settleApplied(committed: readonly ZoneLogEntry[], report: ApplyReport): void {
    const last = committed[committed.length - 1]!.index;
    this.applied = last;
    this.o.window.appliedTo(last);
    const failed = new Map(report.failed.map((f) => [f.index, f.error]));
    for (const entry of committed) {
      if (entry.data?.kind === 'membership') this.learnServers(entry.data.change as ServerChange);
      const waiter = this.waiters.get(entry.index);
      if (!waiter) continue;
      this.waiters.delete(entry.index);
      const data = entry.data?.kind === 'data' ? entry.data.value : entry.data?.change;
      if (data !== waiter.data) waiter.reject(lostLeadership());
      else if (failed.has(entry.index)) waiter.reject(failed.get(entry.index));
      else waiter.resolve({ index: entry.index });
    }
  }

  private learnServers(change: ServerChange): void {
    if (change.zoneId !== this.o.zoneId) return;
    if (change.type === 'remove') this.members.delete(change.id);
    else if (change.name !== undefined && change.endpoint !== undefined) {
      this.members.set(change.id, { id: change.id, name: change.name, endpoint: change.endpoint });
    }
  }

  private changeRole(soft: SoftState): void {
    const previous = this.soft;
    this.soft = soft;
    if (previous.role === 'leader' && soft.role !== 'leader') {
      this.failPending(lostLeadership());
    }
    if (previous.role !== soft.role) {
      this.o.logger.info(
        'RCM',
        `Raft state ${previous.role} -> ${soft.role} in term ${soft.term}.`,
      );
      this.o.onRoleChange?.(soft.role, previous.role);
    }
    for (const watcher of this.softWatchers) watcher(soft);
  }

  private settleReads(): void {
    for (const [context, read] of this.reads) {
      if (read.index !== undefined && read.index <= this.applied) {
        this.reads.delete(context);
        read.resolve();
      }
    }
  }

  private failPending(reason: unknown): void {
    for (const waiter of this.waiters.values()) waiter.reject(reason);
    this.waiters.clear();
    for (const read of this.reads.values()) read.reject(reason);
    this.reads.clear();
  }

  private endpoints(): Map<number, string> {
    return new Map([...this.members.values()].map((m) => [m.id, m.endpoint]));
  }

  /** Append messages carry old entries without their content: read it from logdb. */
  private async loadEntries(
    messages: RaftMessage<LogPayload>[],
  ): Promise<RaftMessage<LogPayload>[]> {
    const out: RaftMessage<LogPayload>[] = [];
    for (const m of messages) {
      if (m.type !== 'append' || m.entries.every(isLoaded)) {
        out.push(m);
        continue;
      }
      const lo = m.entries[0]!.index;
      const rows = await this.o.log.encodedEntries(lo, lo + BigInt(m.entries.length));
      if (rows.length !== m.entries.length) continue; // purged meanwhile: Raft will notice
      out.push({ ...m, entries: rows.map(fromEncodedEntry) });
    }
    return out;
  }
}

function lostLeadership(): RaftRefusal {
  return new RaftRefusal('leadership-lost', 'leadership was lost before the write committed');
}

function refusalOf(result: Exclude<ProposeResult, { ok: true }>): RaftRefusal {
  return new RaftRefusal(result.reason, `the write was refused: ${result.reason}`);
}
