// Raft messages on streams between real HTTP servers on loopback: one stream carries every
// batch, a server that comes back gets a new one, a server that takes no stream gets POSTs,
// a stream whose frames go unacknowledged is replaced, and a frame not signed with the
// stream's key is refused.
import assert from 'node:assert/strict';
import net from 'node:net';
import { afterEach, describe, it } from 'mocha';
import { LINGER_MS, PeerTransport, raftPeerRoute, type LogPayload } from '../../src/ha/index.js';
import {
  FrameWriter,
  HELLO_HEADER,
  helloLine,
  newNonce,
  streamKey,
} from '../../src/ha/peer-stream-frames.js';
import { signPeerBody } from '../../src/ha/peer-auth.js';
import { RpcServer, type PeerRoute } from '../../src/rpc/index.js';
import type { RaftMessage } from '../../src/raft/index.js';
import { eventually } from '../../../../test/support/eventually.js';

const HOST = '127.0.0.1';
const KEY = Buffer.alloc(32, 7);
const quiet = { error() {}, warn() {}, info() {}, debug() {} };

const heartbeat = (term: number): RaftMessage<LogPayload> => ({
  type: 'heartbeat',
  from: 0,
  to: 1,
  term,
  commit: 0n,
  context: undefined,
});

/** What server 1 of zone 0 received, and how (POSTs, streams opened). */
interface Heard {
  readonly terms: number[];
  /** The commit index of each append received, with its number of entries. */
  readonly appends: [commit: number, entries: number][];
  posts: number;
  streams: number;
}

class Receiver {
  private constructor(
    readonly server: RpcServer,
    private readonly heard: Heard,
  ) {}

  get terms(): number[] {
    return this.heard.terms;
  }

  get appends(): [number, number][] {
    return this.heard.appends;
  }

  get posts(): number {
    return this.heard.posts;
  }

  get streams(): number {
    return this.heard.streams;
  }

  static async start(o: { port?: number; streams?: boolean } = {}): Promise<Receiver> {
    const heard: Heard = { terms: [], appends: [], posts: 0, streams: 0 };
    const route = raftPeerRoute({
      key: KEY,
      zoneId: 0,
      serverId: 1,
      receive: (messages) => {
        for (const m of messages) {
          heard.terms.push(m.term);
          if (m.type === 'append') heard.appends.push([Number(m.commit), m.entries.length]);
        }
      },
      log: quiet,
    });
    const counted: PeerRoute = {
      path: route.path,
      handle: (body, authorization) => {
        heard.posts++;
        return route.handle(body, authorization);
      },
      ...(o.streams !== false && {
        upgrade: (req, socket, head, max) => {
          heard.streams++;
          route.upgrade!(req, socket, head, max);
        },
      }),
    };
    const server = await RpcServer.listen({
      host: HOST,
      port: o.port ?? 0,
      maxBodyBytes: 1 << 20,
      keepAliveTimeoutMs: 5000,
      dispatch: async () => '',
      log: quiet,
      peer: counted,
    });
    return new Receiver(server, heard);
  }

  get endpoint(): string {
    return `http://${HOST}:${this.server.address.port}/RPC2`;
  }

  close(): Promise<void> {
    return this.server.close({ graceMs: 100 });
  }
}

function transport(timeoutMs = 1000): PeerTransport {
  return new PeerTransport({
    zone: 0,
    self: 0,
    key: KEY,
    timeoutMs,
    load: async (messages) => messages,
    clock: () => performance.now(),
    log: quiet,
  });
}

/** An append to server 1 carrying `commit`; quiet when it has no entries. */
const append = (commit: number, entries: number[] = []): RaftMessage<LogPayload> => ({
  type: 'append',
  from: 0,
  to: 1,
  term: 1,
  prevIndex: 0n,
  prevTerm: 0,
  commit: BigInt(commit),
  entries: entries.map((i) => ({
    index: BigInt(i),
    term: 1,
    data: { kind: 'data', value: { sqlcmd: 'eJwDAAAAAAE=', fedIndex: 0n } },
  })),
  ...(entries.length === 0 && { quiet: true as const }),
});

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('ha/peer-stream', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function started(o: { port?: number; streams?: boolean } = {}): Promise<Receiver> {
    const receiver = await Receiver.start(o);
    cleanups.push(() => receiver.close());
    return receiver;
  }

  function sender(receiver: Receiver, timeoutMs?: number): PeerTransport {
    const t = transport(timeoutMs);
    cleanups.push(() => t.close());
    t.setEndpoints(new Map([[1, receiver.endpoint]]));
    return t;
  }

  /** Asks `receiver` for a stream over a plain socket, the hello signed with `key`. */
  async function openByHand(
    receiver: Receiver,
    key: Buffer,
  ): Promise<{ socket: net.Socket; line: string; answer: string }> {
    const socket = net.connect(receiver.server.address.port, HOST);
    cleanups.push(() => socket.destroy());
    const line = helloLine({ zone: 0, from: 0, to: 1, nonce: newNonce() });
    socket.write(
      `GET /raft/v1 HTTP/1.1\r\nHost: ${HOST}\r\nConnection: Upgrade\r\nUpgrade: onekit-raft/1\r\n${HELLO_HEADER}: ${line}\r\nAuthorization: ${signPeerBody(key, line)}\r\n\r\n`,
    );
    const answer = await new Promise<string>((resolve) =>
      socket.once('data', (d: Buffer) => resolve(d.toString())),
    );
    return { socket, line, answer };
  }

  /** Sends one heartbeat a tick until `done` holds (the first ones may wait for the stream). */
  async function sendUntil(t: PeerTransport, first: number, done: () => boolean): Promise<number> {
    let term = first;
    await eventually('the messages received', () => {
      if (done()) return true;
      t.send([heartbeat(term++)]);
      return undefined;
    });
    return term;
  }

  it('carries every batch, in order, on one stream', async () => {
    const receiver = await started();
    const t = sender(receiver);
    await sendUntil(t, 1, () => receiver.terms.length > 0);
    const next = Math.max(...receiver.terms) + 1;
    for (const term of range(next, next + 49)) t.send([heartbeat(term)]);
    await eventually('the 50 heartbeats', () =>
      receiver.terms.includes(next + 49) ? true : undefined,
    );
    const after = receiver.terms.filter((term) => term >= next);
    assert.deepEqual(after, range(next, next + 49));
    assert.equal(receiver.streams, 1);
    assert.equal(receiver.posts, 0);
  });

  it('lets a quiet append linger: the next append with entries takes its place', async () => {
    const receiver = await started();
    const t = sender(receiver);
    await sendUntil(t, 1, () => receiver.terms.length > 0);
    // Quiet appends alone: the latest arrives, within a few lingering periods.
    t.send([append(5)]);
    t.send([append(6)]);
    await eventually('the quiet append', () => (receiver.appends.length > 0 ? true : undefined));
    assert.deepEqual(receiver.appends, [[6, 0]]);
    // A quiet append, then one with entries before it had to leave: only the latter.
    t.send([append(7)]);
    t.send([append(8, [9])]);
    await eventually('the append with entries', () =>
      receiver.appends.length > 1 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 5 * LINGER_MS));
    assert.deepEqual(receiver.appends, [
      [6, 0],
      [8, 1],
    ]);
  });

  it('opens a new stream to a server that restarted', async () => {
    const first = await Receiver.start();
    const t = sender(first);
    await sendUntil(t, 1, () => first.terms.length > 0);
    const port = first.server.address.port;
    await first.close();
    const second = await started({ port });
    await sendUntil(t, 1000, () => second.terms.length > 0);
    assert.equal(second.streams, 1);
    assert.equal(second.posts, 0);
  });

  it('sends POSTs to a server that takes no stream', async () => {
    const receiver = await started({ streams: false });
    const t = sender(receiver);
    await sendUntil(t, 1, () => receiver.terms.length >= 5);
    assert.equal(receiver.streams, 0);
    assert.ok(receiver.posts >= 5, `${receiver.posts} POSTs`);
  });

  it('replaces a stream whose frames are never acknowledged', async () => {
    // A server that opens the stream properly, then reads nothing and answers nothing.
    const opened: net.Socket[] = [];
    const silent = net.createServer((socket) => {
      opened.push(socket);
      socket.once('data', () => {
        socket.pause();
        const nonce = newNonce();
        socket.write(
          `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: onekit-raft/1\r\nx-onekit-raft-nonce: ${nonce}\r\n\r\n`,
        );
      });
    });
    await new Promise<void>((resolve) => silent.listen(0, HOST, resolve));
    cleanups.push(() => {
      opened.forEach((s) => s.destroy());
      silent.close();
    });
    const t = transport(200);
    cleanups.push(() => t.close());
    t.setEndpoints(
      new Map([[1, `http://${HOST}:${(silent.address() as net.AddressInfo).port}/RPC2`]]),
    );
    await sendUntil(t, 1, () => opened.length >= 2);
  });

  it('refuses a frame that is not signed with the key of its stream', async () => {
    const receiver = await started();
    const { socket, line, answer } = await openByHand(receiver, KEY);
    assert.match(answer, /^HTTP\/1.1 101 /);
    const nonce = /x-onekit-raft-nonce: ([0-9a-f]{32})/i.exec(answer)![1]!;
    const body = JSON.stringify({
      zone: 0,
      from: 0,
      to: 1,
      messages: [{ type: 'heartbeat', term: 9, commit: { $i: '0' } }],
    });
    // First a frame signed with this stream's key: taken. Then one signed with a stream
    // key made from another nonce (a stream recorded earlier, played again): refused.
    const frames = new FrameWriter(streamKey(KEY, line, nonce));
    socket.write(Buffer.concat(frames.frame(body)));
    await eventually('the signed frame', () => (receiver.terms.includes(9) ? true : undefined));
    const replayed = new FrameWriter(streamKey(KEY, line, newNonce()));
    replayed.frame(body); // so that its next frame has the number the receiver expects
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(Buffer.concat(replayed.frame(body.replace('"term":9', '"term":10'))));
    await closed;
    assert.deepEqual(receiver.terms, [9]);
  });

  it('refuses a stream whose hello is not signed with the zone key', async () => {
    const receiver = await started();
    const { answer } = await openByHand(receiver, Buffer.alloc(32, 8));
    assert.match(answer, /^HTTP\/1.1 401 /);
  });
});
