// The receiving end of the zone's Raft messages on the XML-RPC address: POST /raft/v1 (a
// batch per request), and the stream a GET /raft/v1 upgrade opens (a batch per frame, see
// peer-stream-frames.ts).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../log/index.js';
import type { PeerRoute } from '../rpc/index.js';
import type { RaftMessage } from '../raft/index.js';
import type { LogPayload } from './log-payload.js';
import { verifyPeerBody } from './peer-auth.js';
import { acceptPeerStream } from './peer-stream-accept.js';
import { PEER_PATH } from './peer-transport.js';
import { readPeerBatch } from './peer-wire.js';

export interface PeerRouteOptions {
  readonly key: Buffer;
  readonly zoneId: number;
  readonly serverId: number;
  readonly receive: (messages: readonly RaftMessage<LogPayload>[]) => void;
  readonly log: Logger;
}

export function raftPeerRoute(o: PeerRouteOptions): PeerRoute {
  return {
    path: PEER_PATH,
    async handle(body, authorization) {
      if (!verifyPeerBody(o.key, body, authorization)) {
        return { status: 401, reason: 'the request is not signed with this zone credentials' };
      }
      const batch = readPeerBatch(o, body);
      if ('refused' in batch) return { status: 400, reason: batch.refused };
      o.receive(batch.messages);
      return { status: 204 };
    },
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, maxFrameBytes: number) {
      acceptPeerStream(req, socket, head, { ...o, maxFrameBytes });
    },
  };
}
