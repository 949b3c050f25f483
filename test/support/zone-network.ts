// The network between the servers of a test zone: a TCP proxy before each server, on a
// loopback address of its own, registered as that server's ENDPOINT, so Raft messages and
// forwarded calls travel through the proxies. Isolating a server cuts it off from its peers
// in both directions (its proxy refuses the other servers, the other proxies refuse it) and,
// unless told otherwise, from the clients that reach it through its proxy. Mocha-free.
import { readFile } from 'node:fs/promises';
import type net from 'node:net';
import type { DaemonRoot } from './daemon.js';
import { randomLoopbackAddress } from './free-port.js';
import { childPids, processIdentity, socketOwner } from './socket-owner.js';
import { TcpProxy } from './tcp-proxy.js';

export interface Isolation {
  /** Cut the clients off too (those that reach the server through its proxy). */
  readonly clients?: boolean;
}

const serverOrigin = (id: number) => `server-${id}`;

export class ZoneNetwork {
  private readonly isolated = new Map<number, Isolation>();
  /** The origin of each daemon seen, by processIdentity. */
  private readonly origins = new Map<string, string>();

  private constructor(
    private readonly roots: readonly DaemonRoot[],
    readonly proxies: TcpProxy[],
  ) {}

  static async start(roots: readonly DaemonRoot[]): Promise<ZoneNetwork> {
    const network = new ZoneNetwork(roots, []);
    const used = new Set(roots.map((r) => r.host));
    for (const root of roots) {
      let host: string;
      do host = randomLoopbackAddress('127.0.1');
      while (used.has(host));
      used.add(host);
      network.proxies.push(
        await TcpProxy.start({
          host,
          target: { host: root.host, port: root.port },
          originOf: (socket) => network.originOf(socket),
        }),
      );
    }
    return network;
  }

  /** The XML-RPC endpoint of server `id` as the zone knows it: its proxy. */
  endpoint(id: number): string {
    const proxy = this.proxies[id]!;
    return `http://${proxy.host}:${proxy.port}/RPC2`;
  }

  /** Cuts server `id` off from the other servers and, by default, from its clients. */
  isolate(id: number, o: Isolation = {}): void {
    this.isolated.set(id, { clients: o.clients ?? true });
    this.enforce();
  }

  heal(id: number): void {
    this.isolated.delete(id);
    this.enforce();
  }

  healAll(): void {
    this.isolated.clear();
    this.enforce();
  }

  isIsolated(id: number): boolean {
    return this.isolated.has(id);
  }

  async close(): Promise<void> {
    await Promise.all(this.proxies.map((p) => p.close()));
  }

  private enforce(): void {
    const cutOff = [...this.isolated.keys()].map(serverOrigin);
    const everyServer = this.roots.map((_, id) => serverOrigin(id));
    this.proxies.forEach((proxy, id) => {
      const isolation = this.isolated.get(id);
      if (isolation?.clients) proxy.cut();
      else proxy.heal();
      proxy.refuseFrom(isolation ? everyServer : cutOff);
    });
  }

  /**
   * 'server-N' for a connection a daemon of this zone opened, 'client' for any other. Only
   * the daemons' descriptors are searched (not this process's nor other children's, such
   * as a database server's): the connection waits for the answer, and a peer whose request
   * timed out meanwhile would retry on a new connection that waits again, for good.
   */
  private async originOf(socket: net.Socket): Promise<string> {
    const daemons = await this.daemons();
    const pid = await socketOwner(
      {
        clientAddress: socket.remoteAddress!,
        clientPort: socket.remotePort!,
        serverAddress: socket.localAddress!,
        serverPort: socket.localPort!,
      },
      [...daemons.keys()],
    );
    return (pid !== undefined && daemons.get(pid)) || 'client';
  }

  /** The children of this process that are daemons of this zone, with their origin. */
  private async daemons(): Promise<Map<number, string>> {
    const children = await childPids(process.pid);
    const origins = await Promise.all(children.map((pid) => this.processOrigin(pid)));
    return new Map(
      children.flatMap((pid, i) => (origins[i] === 'client' ? [] : [[pid, origins[i]!]])),
    );
  }

  /**
   * A process's origin. A daemon's is kept (by processIdentity, as a pid may be given to a
   * later process); another's is asked again, as a child just forked has not yet the
   * environment of the program it is about to run.
   */
  private async processOrigin(pid: number): Promise<string> {
    const identity = await processIdentity(pid);
    if (identity === undefined) return 'client';
    const known = this.origins.get(identity);
    if (known !== undefined) return known;
    const origin = (await this.rootOf(pid)) ?? 'client';
    if (origin !== 'client') this.origins.set(identity, origin);
    return origin;
  }

  /** A daemon's root is its ONE_LOCATION; undefined once the process has exited. */
  private async rootOf(pid: number): Promise<string | undefined> {
    let environ: string;
    try {
      environ = await readFile(`/proc/${pid}/environ`, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const location = environ.split('\0').find((v) => v.startsWith('ONE_LOCATION='));
    const id = this.roots.findIndex((r) => `ONE_LOCATION=${r.dir}` === location);
    return id >= 0 ? serverOrigin(id) : 'client';
  }
}
