// A TCP proxy in front of one server, on a loopback address of its own, that a test can
// cut and heal: cutting drops the connections it carries (with a reset, as a broken network
// would) and refuses new ones until healed. Connections can also be refused by origin (which
// process opened them), so that a server is cut off from some peers only. Mocha-free.
import net from 'node:net';

export interface TcpProxyOptions {
  /** The loopback address to listen on (a free port is chosen). */
  readonly host: string;
  readonly target: { readonly host: string; readonly port: number };
  /** Names who opened a new connection (`refuseFrom` takes these names); 'client' if not given. */
  readonly originOf?: (socket: net.Socket) => Promise<string>;
}

interface Link {
  readonly origin: string;
  readonly client: net.Socket;
  readonly upstream: net.Socket;
}

export class TcpProxy {
  private readonly links = new Set<Link>();
  private cutAll = false;
  private refused: ReadonlySet<string> = new Set();

  private constructor(
    private readonly server: net.Server,
    private readonly o: TcpProxyOptions,
    readonly port: number,
  ) {
    server.on('connection', (socket) => void this.accept(socket));
  }

  static async start(o: TcpProxyOptions): Promise<TcpProxy> {
    const server = net.createServer({ pauseOnConnect: true });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, o.host, () => resolve((server.address() as net.AddressInfo).port));
    });
    return new TcpProxy(server, o, port);
  }

  get host(): string {
    return this.o.host;
  }

  /** How many connections it carries now. */
  get connections(): number {
    return this.links.size;
  }

  /** Drops every connection and refuses new ones until `heal`. */
  cut(): void {
    this.cutAll = true;
    this.enforce();
  }

  /** Takes connections again (except from the origins `refuseFrom` names). */
  heal(): void {
    this.cutAll = false;
  }

  /** Refuses connections from these origins (replacing the previous set) and drops theirs. */
  refuseFrom(origins: Iterable<string>): void {
    this.refused = new Set(origins);
    this.enforce();
  }

  async close(): Promise<void> {
    this.cutAll = true;
    this.enforce();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private admits(origin: string): boolean {
    return !this.cutAll && !this.refused.has(origin);
  }

  private enforce(): void {
    for (const link of this.links) if (!this.admits(link.origin)) drop(this.links, link);
  }

  private async accept(client: net.Socket): Promise<void> {
    // Until linked, an error only ends this socket; once linked, it breaks the link.
    const early = (): void => void client.destroy();
    client.on('error', early);
    if (this.cutAll) return reset(client);
    const origin = this.o.originOf
      ? await this.o.originOf(client).catch(() => 'unknown')
      : 'client';
    if (client.destroyed) return;
    if (!this.admits(origin)) return reset(client);
    const upstream = net.connect({ host: this.o.target.host, port: this.o.target.port });
    const link: Link = { origin, client, upstream };
    this.links.add(link);
    // A side that breaks breaks the other (a reset); a side that closes closes the other.
    client.off('error', early);
    client.on('error', () => drop(this.links, link));
    upstream.on('error', () => drop(this.links, link));
    client.on('close', () => close(this.links, link));
    upstream.on('close', () => close(this.links, link));
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  }
}

function close(links: Set<Link>, link: Link): void {
  if (!links.delete(link)) return;
  link.client.destroy();
  link.upstream.destroy();
}

/** Ends both sides with a reset, as a broken network would. */
function drop(links: Set<Link>, link: Link): void {
  if (!links.delete(link)) return;
  reset(link.client);
  reset(link.upstream);
}

function reset(socket: net.Socket): void {
  if (socket.destroyed) return;
  // libuv cannot reset a socket it is shutting down (end() was called): that one is closed,
  // and a socket still connecting would only be reset once connected.
  if (socket.writableEnded || socket.connecting) socket.destroy();
  else socket.resetAndDestroy();
}
