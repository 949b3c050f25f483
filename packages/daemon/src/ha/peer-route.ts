// The receiving end of the zone's Raft messages: POST /raft/v1 on the XML-RPC address.
import type { PeerRoute } from '../rpc/index.js';
import type { RaftMessage } from '../raft/index.js';
import type { LogPayload } from './log-payload.js';
import { verifyPeerBody } from './peer-auth.js';
import { PEER_PATH } from './peer-transport.js';
import { decodePeerBatch } from './peer-wire.js';

export interface PeerRouteOptions {
  readonly key: Buffer;
  readonly zoneId: number;
  readonly serverId: number;
  readonly receive: (messages: readonly RaftMessage<LogPayload>[]) => void;
}

export function raftPeerRoute(o: PeerRouteOptions): PeerRoute {
  return {
    path: PEER_PATH,
    async handle(body, authorization) {
      if (!verifyPeerBody(o.key, body, authorization)) {
        return { status: 401, reason: 'the request is not signed with this zone credentials' };
      }
      let batch;
      try {
        batch = decodePeerBatch(Buffer.from(body).toString('utf8'));
      } catch (err) {
        return { status: 400, reason: err instanceof Error ? err.message : String(err) };
      }
      if (batch.zone !== o.zoneId || batch.to !== o.serverId) {
        return {
          status: 400,
          reason: `this is server ${o.serverId} of zone ${o.zoneId}, not server ${batch.to} of zone ${batch.zone}`,
        };
      }
      o.receive(batch.messages);
      return { status: 204 };
    },
  };
}
