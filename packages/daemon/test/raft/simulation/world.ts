// A simulated zone: servers, the network between them, the operator's hands (start, crash,
// database copy, server reset) and the checker watching every Ready.
import {
  MemoryRaftStorage,
  type Entry,
  type Membership,
  type RaftConfig,
  type RaftMessage,
  type Ready,
  type SoftState,
} from '../../../src/raft/index.js';
import { Checker, Violation } from './checker.js';
import { Network, type NetworkFaults } from './network.js';
import type { Prng } from './prng.js';
import { SimServer, type ReadyObserver, type Value } from './server.js';
import { Trace, formatEntry } from './trace.js';

const MAX_MESSAGES_PER_TICK = 2000;

/** Bugs planted on purpose, to prove the checker notices them. */
export interface PlantedFaults {
  /** Every vote request is answered "granted", whatever the rules say. */
  grantEveryVote?: boolean;
  /** A crash loses the entries that were not applied yet (a disk that lies about fsync). */
  loseUnappliedOnCrash?: boolean;
  /**
   * Every server's answers leave before it persists (a follower acknowledging entries it
   * has not written), and mid-Ready crashes strike any server with entries to persist.
   */
  answerBeforePersist?: boolean;
}

export interface WorldOptions {
  rng: Prng;
  config: Omit<RaftConfig, 'id'>;
  voters: number;
  network: NetworkFaults;
  faults?: PlantedFaults;
  traceSize: number;
  /**
   * How often a leader crashes after its early appends left but before its own persist
   * (while `midReadyCrashes` is on).
   */
  midReadyCrashRate?: number;
}

/** A removal that committed: the server stops once every remaining member applied it. */
interface Removal {
  readonly id: number;
  readonly index: bigint;
  readonly after: Membership;
}

export class World {
  time = 0;
  readonly servers = new Map<number, SimServer>();
  readonly soft = new Map<number, SoftState>();
  readonly retired = new Set<number>();
  readonly checker = new Checker();
  readonly trace: Trace;
  readonly network: Network;
  /** How often notable things happened, to show what a run exercised. */
  readonly counts = new Map<string, number>();
  messagesSent = 0;
  /** Crashes between a leader's early appends and its persist happen only while on. */
  midReadyCrashes = true;
  private readonly midReadyRng: Prng;
  private readonly removals: Removal[] = [];
  /** Started from a database copy, not yet added to the configuration. */
  private readonly spares = new Set<number>();
  private readonly observer: ReadyObserver;
  private readonly send = (m: RaftMessage<Value>) => this.transmit(m);
  private nextId: number;

  constructor(private readonly o: WorldOptions) {
    this.network = new Network(o.rng.fork(), o.network);
    this.midReadyRng = o.rng.fork();
    this.trace = new Trace(o.traceSize);
    const voters = Array.from({ length: o.voters }, (_, i) => i);
    for (const id of voters) this.addServer(id, { voters, learners: [] }).start();
    this.nextId = o.voters;
    this.observer = {
      ready: (server, ready) => this.onReady(server, ready),
      crashBeforePersist: (server, ready) => this.maybeCrashMidReady(server, ready),
      persisted: (server, entries) => this.checker.persisted(server, entries),
      applied: (server, entry) => this.onApplied(server, entry),
      handled: (server, ready) => {
        if (ready.softState?.role === 'leader')
          this.checker.becameLeader(server, ready.softState.term);
      },
    };
  }

  get midReadyCrashRate(): number {
    return this.o.midReadyCrashRate ?? 0;
  }

  get config(): Omit<RaftConfig, 'id'> {
    return this.o.config;
  }

  running(): SimServer[] {
    return [...this.servers.values()].filter((s) => s.running);
  }

  /** Servers that believe they lead, newest term first. */
  leaders(): SimServer[] {
    return this.running()
      .filter((s) => this.soft.get(s.id)?.role === 'leader')
      .sort((a, b) => (this.soft.get(b.id)?.term ?? 0) - (this.soft.get(a.id)?.term ?? 0));
  }

  /** One tick of virtual time: every running core ticks, then due messages arrive. */
  step(): void {
    this.time++;
    const sentBefore = this.messagesSent;
    for (const server of this.running()) {
      server.core?.tick();
      this.drain(server);
    }
    for (const m of this.network.takeDue(this.time)) {
      const to = this.servers.get(m.to);
      if (!to?.core || !this.network.connected(m.from, m.to)) {
        this.trace.record(this.time, { kind: 'drop', message: m });
        continue;
      }
      this.trace.record(this.time, { kind: 'deliver', message: m });
      to.core.step(m);
      this.drain(to);
    }
    this.retireRemoved();
    // Each message may cause a few answers, never a growing cascade.
    const sent = this.messagesSent - sentBefore;
    if (sent > MAX_MESSAGES_PER_TICK) {
      throw new Violation('message-storm', `${sent} messages sent in tick ${this.time}`);
    }
  }

  drain(server: SimServer): void {
    try {
      server.drain(this.send, this.observer);
    } catch (err) {
      if (err instanceof Violation) throw err;
      throw new Violation('exception', `#${server.id}: ${(err as Error).stack ?? String(err)}`);
    }
  }

  count(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }

  crash(server: SimServer): void {
    this.count('crashes');
    server.crash();
    this.soft.delete(server.id);
    if (this.o.faults?.loseUnappliedOnCrash) {
      const { storage } = server;
      const { applied, hardState } = storage.initialState();
      const first = storage.firstIndex();
      server.storage = new MemoryRaftStorage<Value>({
        hardState,
        applied,
        compacted: { index: first - 1n, term: storage.term(first - 1n) },
        entries: storage.entries(first, applied + 1n),
      });
    }
    this.trace.note(this.time, 'crashed', server.id);
  }

  private maybeCrashMidReady(server: SimServer, ready: Ready<Value>): boolean {
    const planted = this.o.faults?.answerBeforePersist === true;
    const early = planted || ready.earlyMessages.length > 0;
    if (!this.midReadyCrashes || !early || ready.entries.length === 0) return false;
    if (!this.midReadyRng.chance(this.midReadyCrashRate)) return false;
    if (planted) for (const m of ready.messages) this.transmit(m);
    this.count('crashes before a leader persisted what it sent');
    this.crash(server);
    return true;
  }

  restart(server: SimServer): void {
    server.start();
    this.trace.note(this.time, 'restarted', server.id);
    this.drain(server);
  }

  /** The operator restores `source`'s database on a stopped `target`, then starts it. */
  copyDatabase(source: SimServer, target: SimServer): void {
    if (target.running) this.crash(target);
    this.count('database copies');
    target.restoreCopyOf(source);
    this.checker.restored(target);
    this.trace.note(this.time, `database copied from #${source.id}`, target.id);
    this.restart(target);
  }

  /** A fresh server id with a copy of `source`'s database, running (oned's HA procedure). */
  addSpare(source: SimServer): SimServer {
    const server = this.addServer(this.nextId++, source.appliedMembership);
    this.spares.add(server.id);
    this.copyDatabase(source, server);
    return server;
  }

  idleSpares(): SimServer[] {
    return [...this.spares].flatMap((id) => this.servers.get(id) ?? []);
  }

  private addServer(id: number, membership: Membership): SimServer {
    const server = new SimServer(id, { ...this.o.config, id }, membership, this.o.rng.fork().next);
    this.servers.set(id, server);
    return server;
  }

  private transmit(m: RaftMessage<Value>): void {
    if (this.o.faults?.grantEveryVote && m.type === 'vote-response' && !m.granted) {
      m = { ...m, granted: true, refusal: undefined };
    }
    this.messagesSent++;
    if (!this.network.send(m, this.time)) {
      this.trace.record(this.time, { kind: 'drop', message: m });
    }
  }

  private onReady(server: SimServer, ready: Ready<Value>): void {
    if (ready.softState) {
      this.soft.set(server.id, ready.softState);
      const { role, term, leader } = ready.softState;
      this.trace.note(
        this.time,
        `${role} t${term}${leader !== undefined ? ` leader=#${leader}` : ''}`,
        server.id,
      );
      this.checker.softState(server.id, ready.softState);
      if (role === 'leader') this.count('leaders elected');
    }
    for (const read of ready.readStates) {
      this.checker.readConfirmed(server.id, read);
      this.count('reads confirmed');
    }
    if (ready.membership) this.count('configurations taken into effect');
  }

  private onApplied(server: SimServer, entry: Entry<Value>): void {
    this.checker.applied(server, entry);
    const change = entry.data?.kind === 'membership' ? entry.data.change : undefined;
    if (change?.type === 'add-learner') this.spares.delete(change.id);
    if (change?.type !== 'remove') return;
    if (this.removals.some((r) => r.id === change.id) || this.retired.has(change.id)) return;
    this.trace.note(this.time, `applied ${formatEntry(entry)}`, server.id);
    this.removals.push({ id: change.id, index: entry.index, after: server.appliedMembership });
  }

  /** The operator stops a removed server once no remaining member can still need it. */
  private retireRemoved(): void {
    for (let i = this.removals.length - 1; i >= 0; i--) {
      const { id, index, after } = this.removals[i];
      const caughtUp = [...after.voters, ...after.learners].every(
        (m) => (this.servers.get(m)?.storage.initialState().applied ?? 0n) >= index,
      );
      if (!caughtUp) continue;
      this.removals.splice(i, 1);
      const server = this.servers.get(id);
      if (server?.running) this.crash(server);
      this.retired.add(id);
      this.trace.note(this.time, 'retired', id);
    }
  }
}
