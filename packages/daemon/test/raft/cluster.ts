// A hand-driven cluster for unit tests (etcd's network in raft_test.go): cores with
// in-memory storage, a lossless network that delivers only when told, links that can be
// cut, and a record of what each server applied.
import type {
  Entry,
  MemoryRaftStorage,
  RaftConfig,
  RaftCore,
  RaftMessage,
  ReadState,
  Ready,
  Rng,
} from '../../src/raft/index.js';
import { SimServer, type Value } from './simulation/server.js';

export const testConfig: Omit<RaftConfig, 'id'> = {
  electionTicks: 10,
  heartbeatTicks: 2,
  maxEntriesPerAppend: 64,
  maxInflightAppends: 8,
  checkQuorum: true,
};

export interface ClusterOptions {
  voters: number[];
  learners?: number[];
  config?: Partial<Omit<RaftConfig, 'id'>>;
  /** Election jitter per server; the default draws 0, so the timeout is electionTicks. */
  rng?: (id: number) => Rng;
  /** What a server has on disk when it starts (default: empty). */
  storage?: (id: number) => MemoryRaftStorage<Value> | undefined;
}

export class TestCluster {
  readonly servers = new Map<number, SimServer>();
  inFlight: RaftMessage<Value>[] = [];
  readonly applied = new Map<number, Entry<Value>[]>();
  readonly readStates = new Map<number, ReadState[]>();
  /** Every Ready handled, per server, oldest first. */
  readonly readies = new Map<number, Ready<Value>[]>();
  readonly config: Omit<RaftConfig, 'id'>;
  private readonly cut = new Set<string>();
  private readonly rng: (id: number) => Rng;

  constructor(o: ClusterOptions) {
    this.config = { ...testConfig, ...o.config };
    this.rng = o.rng ?? (() => () => 0);
    const membership = { voters: o.voters, learners: o.learners ?? [] };
    for (const id of [...o.voters, ...(o.learners ?? [])]) {
      const server = this.add(id, membership);
      const storage = o.storage?.(id);
      if (storage) server.storage = storage;
      server.start();
    }
  }

  /** A server outside the configuration (not started). */
  add(id: number, membership: { voters: number[]; learners: number[] }): SimServer {
    const server = new SimServer(id, { ...this.config, id }, membership, this.rng(id));
    this.servers.set(id, server);
    this.applied.set(id, []);
    this.readStates.set(id, []);
    this.readies.set(id, []);
    return server;
  }

  server(id: number): SimServer {
    const server = this.servers.get(id);
    if (!server) throw new Error(`no server ${id}`);
    return server;
  }

  core(id: number): RaftCore<Value> {
    const core = this.server(id).core;
    if (!core) throw new Error(`server ${id} is down`);
    return core;
  }

  drain(id: number): void {
    this.server(id).drain((m) => this.inFlight.push(m), {
      ready: (s, ready) => {
        this.readies.get(s.id)?.push(ready);
        this.readStates.get(s.id)?.push(...ready.readStates);
      },
      applied: (s, entry) => this.applied.get(s.id)?.push(entry),
    });
  }

  tick(id: number, times = 1): void {
    for (let i = 0; i < times; i++) {
      this.core(id).tick();
      this.drain(id);
    }
  }

  /** Ticks every running server. */
  tickAll(times = 1): void {
    for (let i = 0; i < times; i++) {
      for (const server of this.servers.values()) if (server.running) this.tick(server.id);
    }
  }

  /** Lets `id`'s election timeout run out (with the default jitter of 0). */
  timeout(id: number): void {
    this.tick(id, this.config.electionTicks);
  }

  /** `id` campaigns and everything settles. */
  elect(id: number): void {
    this.timeout(id);
    this.stabilize();
  }

  /** Delivers the messages in flight now (matching `filter`); returns how many. */
  deliver(filter: (m: RaftMessage<Value>) => boolean = () => true): number {
    const now = this.inFlight.filter(filter);
    this.inFlight = this.inFlight.filter((m) => !filter(m));
    for (const m of now) {
      const to = this.servers.get(m.to);
      if (!to?.core || this.cut.has(`${m.from}-${m.to}`)) continue;
      to.core.step(m);
      this.drain(m.to);
    }
    return now.length;
  }

  /** Delivers until no message is in flight. */
  stabilize(): void {
    for (let round = 0; this.inFlight.length; round++) {
      if (round > 1000) throw new Error('the cluster does not settle');
      this.deliver();
    }
  }

  /** Removes and returns the messages in flight that match. */
  take(filter: (m: RaftMessage<Value>) => boolean): RaftMessage<Value>[] {
    const taken = this.inFlight.filter(filter);
    this.inFlight = this.inFlight.filter((m) => !filter(m));
    return taken;
  }

  isolate(id: number): void {
    for (const other of this.servers.keys()) {
      if (other === id) continue;
      this.cut.add(`${id}-${other}`);
      this.cut.add(`${other}-${id}`);
    }
  }

  heal(): void {
    this.cut.clear();
  }

  linked(from: number, to: number): boolean {
    return !this.cut.has(`${from}-${to}`);
  }

  propose(id: number, value: string) {
    const result = this.core(id).propose(value);
    this.drain(id);
    return result;
  }

  /** The user values `id` applied, in order. */
  values(id: number): string[] {
    return (this.applied.get(id) ?? []).flatMap((e) =>
      e.data?.kind === 'data' ? [e.data.value] : [],
    );
  }

  crash(id: number): void {
    this.server(id).crash();
    this.inFlight = this.inFlight.filter((m) => m.to !== id);
  }

  restart(id: number): void {
    this.server(id).start();
    this.drain(id);
  }
}
