// An HA zone of real daemons, each in its own root on its own loopback address, built the
// way the HA procedure builds one: the first server is bootstrapped standalone, every
// server is registered in zone 0 with `one.zone.addserver` while it is still solo, its
// database and `.one` directory are copied to the other roots, and each root gets its
// SERVER_ID. Short Raft timeouts keep elections quick. With `proxies`, the servers talk
// through TCP proxies that can cut one off (zone-network.ts). Mocha-free, like daemon.ts.
import { copyFileSync, cpSync, existsSync, rmSync } from 'node:fs';
import { encodeMethodCall } from '@onekit/core';
import { DaemonRoot, type ConfChange, type DaemonProcess, type RunResult } from './daemon.js';
import { ZoneNetwork, type Isolation } from './zone-network.js';

export interface HaZoneOptions {
  readonly servers: number;
  /** Roots prepared like the others (same database copy) but not registered in the zone. */
  readonly spares?: number;
  /** Applied to every root's oned.conf (a MariaDB backend, other timeouts). */
  readonly conf?: (serverId: number) => ConfChange;
  /** Copies server 0's database to another server's (both stopped); SQLite by default. */
  readonly copyDatabase?: (from: DaemonRoot, to: DaemonRoot) => Promise<void>;
  /** RAFT/ELECTION_TIMEOUT_MS; BROADCAST is a tenth of it. */
  readonly electionTimeoutMs?: number;
  /** A TCP proxy before each server, registered as its ENDPOINT, so `isolate` can cut it off. */
  readonly proxies?: boolean;
  /**
   * Makes the first root a member of another zone before its servers are registered (a
   * federation slave zone): resolves with that zone's id and the oned.conf change every
   * other root gets too. Zone 0 of a standalone root by default.
   */
  readonly join?: (first: DaemonRoot) => Promise<{ zoneId: number; conf: ConfChange }>;
}

export interface RaftView {
  readonly serverId: number;
  readonly state: number;
  readonly term: number;
  readonly commit: bigint;
  readonly logIndex: bigint;
}

export const LEADER = 3;

/** Copies a stopped SQLite root's database files. */
export async function copySqliteDatabase(from: DaemonRoot, to: DaemonRoot): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) {
    const file = `${from.paths.sqliteDb}${suffix}`;
    const target = `${to.paths.sqliteDb}${suffix}`;
    rmSync(target, { force: true });
    if (existsSync(file)) copyFileSync(file, target);
  }
}

export class HaZone {
  private readonly running = new Map<number, DaemonProcess>();

  private constructor(
    readonly roots: readonly DaemonRoot[],
    /** How many roots are registered servers (the rest are spares). */
    readonly servers: number,
    /** The proxies between the servers, when the zone was created with `proxies`. */
    readonly network: ZoneNetwork | undefined,
  ) {}

  static async create(o: HaZoneOptions): Promise<HaZone> {
    const election = o.electionTimeoutMs ?? 1500;
    const roots: DaemonRoot[] = [];
    for (let id = 0; id < o.servers + (o.spares ?? 0); id++) {
      roots.push(
        await DaemonRoot.create({
          conf: (c) => {
            c.raft.electionTimeoutMs = election;
            c.raft.broadcastTimeoutMs = Math.max(10, Math.floor(election / 10));
            c.raft.xmlrpcTimeoutMs = election;
            o.conf?.(id)(c);
          },
        }),
      );
    }
    const network = o.proxies ? await ZoneNetwork.start(roots) : undefined;
    const zone = new HaZone(roots, o.servers, network);
    const first = roots[0]!;
    const joined = await o.join?.(first);
    const zoneId = joined?.zoneId ?? 0;
    const solo = await first.start();
    for (const id of roots.slice(0, o.servers).keys()) {
      const template = `SERVER = [ NAME = "server-${id}", ENDPOINT = "${zone.endpoint(id)}" ]`;
      const result = await solo.client.call('one.zone.addserver', first.session, zoneId, template);
      if (!result.ok) throw new Error(`addserver ${id}: ${result.message}`);
    }
    await solo.stop();
    const copy = o.copyDatabase ?? copySqliteDatabase;
    for (const [id, root] of roots.entries()) {
      if (id > 0) {
        await copy(first, root);
        cpSync(first.paths.oneDir, root.paths.oneDir, { recursive: true });
        if (joined) root.writeConf({ conf: joined.conf });
      }
      if (id < o.servers) root.writeConf({ conf: (c) => void (c.federation.serverId = id) });
    }
    return zone;
  }

  /** The ENDPOINT of server `id` in the zone: its proxy's, or its own address without proxies. */
  endpoint(id: number): string {
    return this.network?.endpoint(id) ?? this.roots[id]!.endpoint;
  }

  /** Cuts server `id` off from the other servers and, by default, from its clients. */
  isolate(id: number, o: Isolation = {}): void {
    if (!this.network) throw new Error('isolate needs a zone created with proxies');
    this.network.isolate(id, o);
  }

  /** Reconnects server `id` (every server when none is given). */
  heal(id?: number): void {
    if (id === undefined) this.network?.healAll();
    else this.network?.heal(id);
  }

  /** Starts the registered servers (not the spares). */
  async startAll(): Promise<void> {
    await Promise.all(this.roots.slice(0, this.servers).map((_, id) => this.start(id)));
  }

  async start(id: number): Promise<DaemonProcess> {
    const process = await this.roots[id]!.start();
    this.running.set(id, process);
    return process;
  }

  process(id: number): DaemonProcess {
    const process = this.running.get(id);
    if (!process) throw new Error(`server ${id} is not running`);
    return process;
  }

  isRunning(id: number): boolean {
    return this.running.has(id);
  }

  /** Stops a server: SIGTERM (clean) or SIGKILL (a crash). */
  async stop(id: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<RunResult> {
    const process = this.process(id);
    this.running.delete(id);
    return process.stop(signal);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  remove(): void {
    void this.network?.close();
    for (const root of this.roots) root.remove();
  }

  /** one.zone.raftstatus of a running server. */
  async raftStatus(id: number): Promise<RaftView> {
    const root = this.roots[id]!;
    const xml = String(await this.process(id).client.value('one.zone.raftstatus', root.session));
    const field = (name: string) => new RegExp(`<${name}>(-?\\d+)</${name}>`).exec(xml)![1]!;
    return {
      serverId: Number(field('SERVER_ID')),
      state: Number(field('STATE')),
      term: Number(field('TERM')),
      commit: BigInt(field('COMMIT')),
      logIndex: BigInt(field('LOG_INDEX')),
    };
  }

  /** Waits until exactly one running server reports LEADER in the highest term seen. */
  async waitForLeader({
    deadlineMs = 20_000,
    except,
  }: { deadlineMs?: number; except?: number } = {}): Promise<number> {
    const until = Date.now() + deadlineMs;
    for (;;) {
      const views: RaftView[] = [];
      for (const id of this.running.keys()) {
        if (id === except) continue;
        try {
          views.push(await this.raftStatus(id));
        } catch {
          // a server that does not answer yet
        }
      }
      const leaders = views.filter((v) => v.state === LEADER);
      const top = Math.max(...views.map((v) => v.term));
      if (leaders.length === 1 && leaders[0]!.term === top) return leaders[0]!.serverId;
      if (Date.now() > until) {
        throw new Error(
          `no single leader within ${deadlineMs} ms: ${JSON.stringify(views, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The raw XML-RPC body of a call, for sending to any server. */
  static body(method: string, session: string, ...params: unknown[]): string {
    return encodeMethodCall(method, [session, ...params] as never);
  }
}
