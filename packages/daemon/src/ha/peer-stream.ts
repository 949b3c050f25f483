// The sending end of a stream to another server of the zone (peer-stream-frames.ts). A
// stream ends, and says why once, when its connection breaks, when a frame waits longer
// than the timeout for the receiver's byte saying it arrived (a peer that went away
// without a word), or when it is closed.
import http from 'node:http';
import type { Socket } from 'node:net';
import { signPeerBody } from './peer-auth.js';
import {
  FrameWriter,
  HELLO_HEADER,
  NONCE_HEADER,
  STREAM_PROTOCOL,
  helloLine,
  isNonce,
  newNonce,
  streamKey,
  type Hello,
} from './peer-stream-frames.js';

export interface StreamTarget {
  /** The receiver's /raft/v1 URL. */
  readonly url: URL;
  readonly zone: number;
  readonly from: number;
  readonly to: number;
  readonly key: Buffer;
  /** How long the opening, and a frame's arrival, may take. */
  readonly timeoutMs: number;
}

/** The receiver answered the upgrade with this status (404: it does not take streams). */
export class StreamRefused extends Error {
  constructor(readonly status: number) {
    super(`the server answered ${status} to a stream`);
    this.name = 'StreamRefused';
  }
}

export class PeerStream {
  private readonly frames: FrameWriter;
  /** When the oldest frame not yet acknowledged was written. */
  private unackedSince: number | undefined;
  private readonly watch: NodeJS.Timeout;
  private ended = false;

  private constructor(
    private readonly socket: Socket,
    key: Buffer,
    timeoutMs: number,
    private readonly onEnd: (reason: Error | undefined) => void,
  ) {
    this.frames = new FrameWriter(key);
    socket.setNoDelay(true);
    socket.on('data', () => (this.unackedSince = undefined));
    socket.on('error', (err) => this.end(err));
    socket.on('close', () => this.end(new Error('the connection closed')));
    this.watch = setInterval(
      () => {
        const since = this.unackedSince;
        if (since !== undefined && performance.now() - since > timeoutMs) {
          this.end(new Error(`no frame acknowledged within ${timeoutMs} ms`));
        }
      },
      Math.max(10, Math.floor(timeoutMs / 4)),
    );
    this.watch.unref();
  }

  /** Opens a stream; rejects with StreamRefused when the receiver answers otherwise. */
  static open(t: StreamTarget, onEnd: (reason: Error | undefined) => void): Promise<PeerStream> {
    const hello: Hello = { zone: t.zone, from: t.from, to: t.to, nonce: newNonce() };
    const line = helloLine(hello);
    return new Promise((resolve, reject) => {
      const req = http.request(t.url, {
        method: 'GET',
        agent: false,
        timeout: t.timeoutMs,
        headers: {
          Connection: 'Upgrade',
          Upgrade: STREAM_PROTOCOL,
          [HELLO_HEADER]: line,
          Authorization: signPeerBody(t.key, line),
        },
      });
      req.on('upgrade', (res, socket, head) => {
        const nonce = res.headers[NONCE_HEADER];
        if (String(res.headers.upgrade).toLowerCase() !== STREAM_PROTOCOL || !isNonce(nonce)) {
          socket.destroy();
          reject(new Error('the server opened a stream of another protocol'));
          return;
        }
        socket.setTimeout(0);
        const stream = new PeerStream(socket, streamKey(t.key, line, nonce), t.timeoutMs, onEnd);
        if (head.length > 0) socket.unshift(head);
        resolve(stream);
      });
      req.on('response', (res) => {
        res.resume();
        reject(new StreamRefused(res.statusCode ?? 0));
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${t.timeoutMs} ms`)));
      req.on('error', reject);
      req.end();
    });
  }

  get open(): boolean {
    return !this.ended;
  }

  /** Writes one batch as a frame. */
  send(body: string): void {
    if (this.ended) return;
    const [header, payload] = this.frames.frame(body);
    this.unackedSince ??= performance.now();
    this.socket.cork();
    this.socket.write(header);
    this.socket.write(payload);
    this.socket.uncork();
  }

  close(): void {
    this.end(undefined);
  }

  private end(reason: Error | undefined): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.watch);
    this.socket.destroy();
    this.onEnd(reason);
  }
}
