// The XML-RPC endpoint over node:http: POST /RPC2 only (other paths 404; other methods
// on /RPC2 405, and OPTIONS 200 with Allow: POST, as xmlrpc-c's Abyss server answers),
// keep-alive, many calls at once, and a body limit checked before the body is read (413
// from the Content-Length, or as soon as a chunked body passes the limit). The peer route
// may also take connections that ask for an upgrade on its path (the Raft stream between
// the servers of a zone); others are answered 404. close() stops accepting, lets calls in
// progress finish (their commits included) and then ends every connection, upgraded ones
// too.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { OneKitError } from '@onekit/core';
import type { Logger } from '../log/index.js';
import type { CallOrigin } from './dispatch.js';

export const RPC_PATH = '/RPC2';

export interface RpcServerOptions {
  readonly host: string;
  readonly port: number;
  readonly maxBodyBytes: number;
  /** Idle time before a keep-alive connection is closed. */
  readonly keepAliveTimeoutMs: number;
  readonly dispatch: (body: Uint8Array, origin: CallOrigin) => Promise<string>;
  readonly log: Logger;
  /** Another POST path on the same address (the servers of an HA zone talk on /raft/v1). */
  readonly peer?: PeerRoute;
}

/**
 * Answers a POST to `path` with an HTTP status (204 taken; 4xx refused with `reason`), and
 * takes over the connections that ask for an upgrade on `path` (answering them itself).
 */
export interface PeerRoute {
  readonly path: string;
  handle(body: Uint8Array, authorization: string | undefined): Promise<PeerAnswer>;
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, maxFrameBytes: number): void;
}

export type PeerAnswer =
  { readonly status: 204 } | { readonly status: 400 | 401 | 503; readonly reason: string };

function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': status === 200 ? 'text/xml' : 'text/plain',
    'Content-Length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

/** Answers a connection that asked for an upgrade with `status` and closes it. */
export function refuseUpgrade(socket: Duplex, status: string, reason = ''): void {
  socket.on('error', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

function tooLarge(res: ServerResponse, limit: number): void {
  // The rest of the body is never read: the connection cannot carry another request.
  send(res, 413, `XML-RPC request too large (limit ${limit} bytes)`, { Connection: 'close' });
}

export class RpcServer {
  private inFlight = 0;
  private drained: (() => void) | undefined;
  private closing = false;
  private readonly upgraded = new Set<Duplex>();

  private constructor(
    private readonly server: Server,
    private readonly o: RpcServerOptions,
  ) {}

  static async listen(options: RpcServerOptions): Promise<RpcServer> {
    const server = createServer();
    server.keepAliveTimeout = options.keepAliveTimeoutMs;
    const rpc = new RpcServer(server, options);
    server.on('request', (req, res) => rpc.onRequest(req, res));
    server.on('upgrade', (req, socket, head) => rpc.onUpgrade(req, socket, head));
    server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) =>
        reject(
          new OneKitError(
            'DAEMON_START',
            `cannot listen on ${options.host}:${options.port}: ${err.message}`,
            { field: 'LISTEN_ADDRESS' },
            { cause: err },
          ),
        ),
      );
      server.listen(options.port, options.host, () => resolve());
    });
    return rpc;
  }

  get address(): { host: string; port: number } {
    const address = this.server.address() as AddressInfo;
    return { host: address.address, port: address.port };
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0];
    const peer = this.o.peer;
    if (peer !== undefined && path === peer.path && req.method === 'POST') {
      return this.track(this.handlePeer(peer, req, res));
    }
    if (path !== RPC_PATH) return send(res, 404, 'Not Found');
    if (req.method === 'OPTIONS') return send(res, 200, '', { Allow: 'POST' });
    if (req.method !== 'POST') {
      return send(res, 405, 'POST is the only HTTP method this server understands', {
        Allow: 'POST',
      });
    }
    if (this.closing) return send(res, 503, 'The server is stopping', { Connection: 'close' });
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > this.o.maxBodyBytes) return tooLarge(res, this.o.maxBodyBytes);
    this.track(this.handle(req, res));
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    const peer = this.o.peer;
    if (this.closing || peer?.upgrade === undefined || path !== peer.path) {
      return refuseUpgrade(socket, this.closing ? '503 Service Unavailable' : '404 Not Found');
    }
    this.upgraded.add(socket);
    socket.once('close', () => this.upgraded.delete(socket));
    peer.upgrade(req, socket, head, this.o.maxBodyBytes);
  }

  private track(work: Promise<void>): void {
    this.inFlight++;
    void work.finally(() => {
      this.inFlight--;
      if (this.inFlight === 0) this.drained?.();
    });
  }

  private async handlePeer(
    peer: PeerRoute,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const body = await this.readBody(req);
    if (body === undefined) return tooLarge(res, this.o.maxBodyBytes);
    if (body === 'aborted') return;
    try {
      const answer = await peer.handle(body, req.headers.authorization);
      if (answer.status === 204) {
        res.writeHead(204);
        res.end();
      } else send(res, answer.status, answer.reason);
    } catch (err) {
      this.o.log.error(
        'RCM',
        `peer request failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      if (!res.headersSent) send(res, 500, 'Internal error');
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.readBody(req);
    if (body === undefined) return tooLarge(res, this.o.maxBodyBytes);
    if (body === 'aborted') return;
    const origin = { ip: req.socket.remoteAddress ?? '-' };
    try {
      send(res, 200, await this.o.dispatch(body, origin));
    } catch (err) {
      // The dispatcher answers every call; reaching this is a defect, not a client error.
      this.o.log.error(
        'ReM',
        `request failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      if (!res.headersSent) send(res, 500, 'Internal error');
    }
  }

  /** The whole body; undefined once it passes the limit; 'aborted' if the client left. */
  private readBody(req: IncomingMessage): Promise<Buffer | undefined | 'aborted'> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer): void => {
        size += chunk.length;
        if (size > this.o.maxBodyBytes) {
          req.off('data', onData);
          req.pause();
          resolve(undefined);
          return;
        }
        chunks.push(chunk);
      };
      req.on('data', onData);
      req.once('end', () => resolve(Buffer.concat(chunks, size)));
      req.once('error', () => resolve('aborted'));
      req.once('aborted', () => resolve('aborted'));
    });
  }

  /**
   * Stops accepting connections, waits for the calls in progress (at most `graceMs`),
   * then closes every connection.
   */
  async close({ graceMs }: { graceMs: number }): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.drained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.server.closeAllConnections();
    for (const socket of this.upgraded) socket.destroy();
    await closed;
  }
}
