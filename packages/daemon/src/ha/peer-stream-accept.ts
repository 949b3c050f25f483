// The receiving end of a stream from another server of the zone (peer-stream-frames.ts):
// checks the hello, answers 101 with a nonce of its own, then hands each verified frame's
// messages to Raft. A bad frame ends the stream: the sender opens another.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { refuseUpgrade } from '../rpc/index.js';
import { verifyPeerBody } from './peer-auth.js';
import type { PeerRouteOptions } from './peer-route.js';
import { readPeerBatch } from './peer-wire.js';
import {
  ACK,
  FrameReader,
  HELLO_HEADER,
  NONCE_HEADER,
  STREAM_PROTOCOL,
  helloLine,
  newNonce,
  parseHello,
  streamKey,
} from './peer-stream-frames.js';

/** The longest a frame waits for the receiver's byte saying it arrived. */
export const ACK_INTERVAL_MS = 100;

export function acceptPeerStream(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  o: PeerRouteOptions & { readonly maxFrameBytes: number },
): void {
  socket.on('error', () => socket.destroy());
  if (String(req.headers.upgrade).toLowerCase() !== STREAM_PROTOCOL) {
    return refuseUpgrade(socket, '400 Bad Request', `only ${STREAM_PROTOCOL} is spoken here`);
  }
  const line = req.headers[HELLO_HEADER];
  const hello = parseHello(typeof line === 'string' ? line : undefined);
  if (!hello || !verifyPeerBody(o.key, Buffer.from(helloLine(hello)), req.headers.authorization)) {
    return refuseUpgrade(
      socket,
      '401 Unauthorized',
      'the stream is not signed with this zone credentials',
    );
  }
  if (hello.zone !== o.zoneId || hello.to !== o.serverId) {
    return refuseUpgrade(
      socket,
      '400 Bad Request',
      `this is server ${o.serverId} of zone ${o.zoneId}, not server ${hello.to} of zone ${hello.zone}`,
    );
  }
  const nonce = newNonce();
  const reader = new FrameReader(streamKey(o.key, helloLine(hello), nonce), o.maxFrameBytes);
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: ${STREAM_PROTOCOL}\r\n${NONCE_HEADER}: ${nonce}\r\n\r\n`,
  );
  (socket as Duplex & { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);

  let lastAck = 0;
  let ackTimer: NodeJS.Timeout | undefined;
  const ack = (): void => {
    ackTimer = undefined;
    lastAck = performance.now();
    if (socket.writable) socket.write(ACK);
  };
  const onBytes = (chunk: Buffer): void => {
    let payloads: Buffer[];
    try {
      payloads = reader.push(chunk);
    } catch (err) {
      o.log.warn('RCM', `Closing the stream from server ${hello.from}: ${(err as Error).message}`);
      socket.destroy();
      return;
    }
    for (const payload of payloads) {
      const batch = readPeerBatch(o, payload, hello.from);
      if ('refused' in batch) {
        o.log.warn('RCM', `Closing the stream from server ${hello.from}: ${batch.refused}`);
        socket.destroy();
        return;
      }
      o.receive(batch.messages);
    }
    if (payloads.length > 0 && ackTimer === undefined) {
      const wait = lastAck + ACK_INTERVAL_MS - performance.now();
      if (wait <= 0) ack();
      else ackTimer = setTimeout(ack, wait);
    }
  };
  socket.on('data', onBytes);
  socket.on('close', () => clearTimeout(ackTimer));
  if (head.length > 0) onBytes(head);
}
