// Sends Raft messages to the other servers of the zone. Messages for one server travel in
// batches, each carrying everything queued for it, on a stream to that server (one frame a
// batch, peer-stream.ts). A server that answers 404 to a stream (one not yet upgraded) gets
// a POST per batch instead, a few at once (the receiver answers only between its own disk
// writes, so waiting for each answer would add a write's time to every round trip; Raft
// copes with the reordering), and is asked for a stream again a minute later. Any other
// failure, as an unreachable server, is retried after a back-off (100 ms doubling to 2.5 s,
// as oned) and the messages meant for the server meanwhile are dropped: Raft sends them
// again.
//
// An append that only carries a new commit index (a quiet one) lingers up to LINGER_MS: the
// next append with entries for that server carries the same index or a later one, so under
// writes it replaces the quiet one, and the follower writes its new entries and applies the
// committed ones in one transaction instead of two. Once writes stop, the last index reaches
// the followers LINGER_MS later.
import http from 'node:http';
import type { Logger } from '../log/index.js';
import type { RaftMessage } from '../raft/index.js';
import type { LogPayload } from './log-payload.js';
import { signPeerBody } from './peer-auth.js';
import { PeerStream, StreamRefused } from './peer-stream.js';
import { encodePeerBatch } from './peer-wire.js';

export const PEER_PATH = '/raft/v1';

const FIRST_BACKOFF_MS = 100;
/** Requests to one server out at the same time. */
const MAX_IN_FLIGHT = 4;
const MAX_BACKOFF_MS = 2500;
/** The longest a quiet append waits for an append with entries to take its place. */
export const LINGER_MS = 10;
/** How long a server that refused a stream gets POSTs before it is asked again. */
const STREAM_RETRY_MS = 60_000;

export interface PeerTransportOptions {
  readonly zone: number;
  readonly self: number;
  readonly key: Buffer;
  /** How long a request may wait for its answer (see raftTiming's peerTimeoutMs). */
  readonly timeoutMs: number;
  /** Fills the entries of append messages whose payload is not in memory. */
  readonly load: (messages: RaftMessage<LogPayload>[]) => Promise<RaftMessage<LogPayload>[]>;
  readonly clock: () => number;
  readonly log: Logger;
}

interface Peer {
  readonly id: number;
  url: URL | undefined;
  queue: RaftMessage<LogPayload>[];
  inFlight: number;
  backoffMs: number;
  retryAt: number;
  failures: number;
  stream: PeerStream | undefined;
  opening: boolean;
  /** Until then the server gets POSTs: it refused a stream. */
  postUntil: number;
  /** The latest quiet append for the server, not sent yet. */
  lingering: RaftMessage<LogPayload> | undefined;
  lingerTimer: NodeJS.Timeout | undefined;
}

export class PeerTransport {
  private readonly peers = new Map<number, Peer>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  private closed = false;

  constructor(private readonly o: PeerTransportOptions) {}

  /** The XML-RPC endpoint of each other server (its /RPC2 URL, as in SERVER_POOL). */
  setEndpoints(endpoints: ReadonlyMap<number, string>): void {
    for (const [id, endpoint] of endpoints) {
      if (id === this.o.self) continue;
      const peer = this.peer(id);
      const url = peerUrl(endpoint);
      if (url?.href === peer.url?.href) continue;
      peer.stream?.close();
      peer.url = url;
    }
    for (const [id, peer] of this.peers) {
      if (endpoints.has(id)) continue;
      peer.stream?.close();
      this.dropLingering(peer);
      this.peers.delete(id);
    }
  }

  send(messages: readonly RaftMessage<LogPayload>[]): void {
    if (this.closed) return;
    const touched = new Set<Peer>();
    const now = this.o.clock();
    for (const message of messages) {
      const peer = this.peers.get(message.to);
      if (peer?.url === undefined || now < peer.retryAt) continue;
      if (message.type === 'append' && message.quiet) {
        this.linger(peer, message);
        continue;
      }
      if (message.type === 'append') this.dropLingering(peer);
      peer.queue.push(message);
      touched.add(peer);
    }
    for (const peer of touched) this.pump(peer);
  }

  private linger(peer: Peer, message: RaftMessage<LogPayload>): void {
    peer.lingering = message;
    peer.lingerTimer ??= setTimeout(() => {
      peer.lingerTimer = undefined;
      const lingering = peer.lingering;
      peer.lingering = undefined;
      if (lingering && !this.closed) {
        peer.queue.push(lingering);
        this.pump(peer);
      }
    }, LINGER_MS);
  }

  /** An append with entries carries the commit index of the quiet one, or a later one. */
  private dropLingering(peer: Peer): void {
    peer.lingering = undefined;
    clearTimeout(peer.lingerTimer);
    peer.lingerTimer = undefined;
  }

  close(): void {
    this.closed = true;
    for (const peer of this.peers.values()) {
      peer.stream?.close();
      this.dropLingering(peer);
    }
    this.agent.destroy();
  }

  private peer(id: number): Peer {
    let peer = this.peers.get(id);
    if (!peer) {
      peer = {
        id,
        url: undefined,
        queue: [],
        inFlight: 0,
        backoffMs: 0,
        retryAt: 0,
        failures: 0,
        stream: undefined,
        opening: false,
        postUntil: 0,
        lingering: undefined,
        lingerTimer: undefined,
      };
      this.peers.set(id, peer);
    }
    return peer;
  }

  private pump(peer: Peer): void {
    const url = peer.url;
    if (this.closed || !url || peer.queue.length === 0) return;
    if (this.o.clock() >= peer.postUntil) {
      // On a stream, one batch at a time: its entries may have to be read from logdb first,
      // and the frames must leave in order; what queues meanwhile goes in the next batch.
      const stream = peer.stream;
      if (stream?.open) {
        if (peer.inFlight === 0) this.start(peer, async (body) => stream.send(body));
      } else if (!peer.opening) void this.openStream(peer, url);
      return;
    }
    while (peer.inFlight < MAX_IN_FLIGHT && peer.queue.length > 0) {
      this.start(peer, (body) => this.post(url, body));
    }
  }

  /** Sends what is queued for `peer` as one batch; pumps again once it is out. */
  private start(peer: Peer, write: (body: string) => Promise<void>): void {
    const batch = peer.queue.splice(0);
    peer.inFlight++;
    void this.deliver(peer, batch, write).finally(() => {
      peer.inFlight--;
      this.pump(peer);
    });
  }

  private async openStream(peer: Peer, url: URL): Promise<void> {
    peer.opening = true;
    try {
      const stream = await PeerStream.open(
        {
          url,
          zone: this.o.zone,
          from: this.o.self,
          to: peer.id,
          key: this.o.key,
          timeoutMs: this.o.timeoutMs,
        },
        (reason) => {
          if (peer.stream === stream) peer.stream = undefined;
          if (reason && !this.closed) this.failed(peer, url, reason);
        },
      );
      if (this.closed || peer.url !== url) stream.close();
      else {
        peer.stream = stream;
        peer.backoffMs = 0;
        peer.failures = 0;
      }
    } catch (err) {
      // 404 is what a server without streams answers; any other answer is a failure.
      if (err instanceof StreamRefused && err.status === 404)
        peer.postUntil = this.o.clock() + STREAM_RETRY_MS;
      else this.failed(peer, url, err);
    } finally {
      peer.opening = false;
    }
    this.pump(peer);
  }

  private async deliver(
    peer: Peer,
    batch: RaftMessage<LogPayload>[],
    write: (body: string) => Promise<void>,
  ): Promise<void> {
    const url = peer.url!;
    try {
      const messages = await this.o.load(batch);
      const body = encodePeerBatch({ zone: this.o.zone, from: this.o.self, to: peer.id, messages });
      await write(body);
      peer.backoffMs = 0;
      peer.failures = 0;
    } catch (err) {
      this.failed(peer, url, err);
    }
  }

  /** Backs off from `peer` and drops what is queued for it. */
  private failed(peer: Peer, url: URL, err: unknown): void {
    peer.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(FIRST_BACKOFF_MS, peer.backoffMs * 2));
    peer.retryAt = this.o.clock() + peer.backoffMs;
    peer.queue.length = 0;
    // Heartbeats to a server that is down fail all the time: say so now and then.
    if (peer.failures++ % 20 === 0) {
      this.o.log.warn(
        'RCM',
        `Error sending to server ${peer.id} at ${url.host}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  private post(url: URL, body: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: signPeerBody(this.o.key, body),
          },
          timeout: this.o.timeoutMs,
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 204
              ? resolve()
              : reject(new Error(`HTTP ${res.statusCode ?? '?'} from ${url.host}`)),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.o.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** http://host:port/RPC2 → http://host:port/raft/v1 */
export function peerUrl(endpoint: string): URL | undefined {
  try {
    const url = new URL(endpoint);
    if (url.protocol !== 'http:') return undefined;
    url.pathname = PEER_PATH;
    url.search = '';
    return url;
  } catch {
    return undefined;
  }
}
