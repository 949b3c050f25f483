// The sending end of the zone's Raft messages against a server that accepts connections and
// never answers: its requests (a stream's opening, or POSTs) must end, or they would hold
// that server's slots for good, and the server, once it answers again, would hear nothing
// more. The server that answers takes no stream: it gets POSTs.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, describe, it } from 'mocha';
import { PeerTransport, raftTiming } from '../../src/ha/index.js';
import type { RaftMessage } from '../../src/raft/index.js';
import type { LogPayload } from '../../src/ha/index.js';
import { eventually } from '../../../../test/support/eventually.js';

const HOST = '127.0.0.1';
const quiet = { error() {}, warn() {}, info() {}, debug() {} };

const heartbeat = (n: number): RaftMessage<LogPayload> => ({
  type: 'heartbeat',
  from: 0,
  to: 1,
  term: n,
  commit: 0n,
  context: undefined,
});

function listen(server: net.Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve((server.address() as net.AddressInfo).port));
  });
}

describe('ha/peer-transport', () => {
  const closers: (() => void)[] = [];
  after(() => closers.forEach((close) => close()));

  it('waits one election timeout for an answer when XMLRPC_TIMEOUT_MS is 0', () => {
    const raft = { electionTimeoutMs: 5000, broadcastTimeoutMs: 500 };
    assert.equal(raftTiming({ ...raft, xmlrpcTimeoutMs: 0 } as never).peerTimeoutMs, 5000);
    assert.equal(raftTiming({ ...raft, xmlrpcTimeoutMs: 800 } as never).peerTimeoutMs, 800);
  });

  it('gives up on requests a server never answers, and reaches it once it answers', async () => {
    // First a server that holds every connection without a word.
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => void held.push(socket));
    const port = await listen(silent);
    closers.push(() => held.forEach((s) => s.destroy()));
    const transport = new PeerTransport({
      zone: 0,
      self: 0,
      key: Buffer.alloc(32, 7),
      timeoutMs: 200,
      load: async (messages) => messages,
      clock: () => performance.now(),
      log: quiet,
    });
    closers.push(() => transport.close());
    transport.setEndpoints(new Map([[1, `http://${HOST}:${port}/RPC2`]]));
    for (let n = 1; n <= 8; n++) transport.send([heartbeat(n)]);
    await eventually('requests held by the silent server', async () =>
      held.length > 0 ? true : undefined,
    );
    // Then, on the same port, a server that answers; the held connections stay open.
    // (close stops the listening only: its callback would wait for the held connections.)
    silent.close();
    const heard: string[] = [];
    const answering = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.method === 'POST') heard.push(body);
        res.writeHead(req.method === 'POST' ? 204 : 404).end();
      });
    });
    await listen(answering, port);
    closers.push(() => {
      answering.closeAllConnections();
      answering.close();
    });
    let n = 100;
    await eventually(
      'a message delivered to the server that answers',
      async () => {
        transport.send([heartbeat(n++)]);
        return heard.length > 0 ? true : undefined;
      },
      { deadlineMs: 10_000 },
    );
    assert.match(heard[0]!, /"heartbeat"/);
  });
});
