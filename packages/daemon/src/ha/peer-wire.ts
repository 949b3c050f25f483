// The wire format between the servers of a zone (OneKit's own; oned makes one XML-RPC call
// per record). A batch carries any number of Raft messages for one server, as JSON; it
// travels as one frame of a stream (peer-stream-frames.ts) or as the body of one HTTP POST
// to /raft/v1 on the server's XML-RPC address:
//   { "zone": 0, "from": 1, "to": 2, "messages": [ <message>, ... ] }
// A message is the core's message without from/to (those of the body apply to all), each
// 64-bit index written as {"$i":"<decimal>"}:
//   {"type":"append","term":4,"prevIndex":{"$i":"120"},"prevTerm":3,"commit":{"$i":"118"},
//    "entries":[e, ...]}
// ("quiet":true on an append without entries: answer only if it is refused),
// and an entry e of an append is one of
//   {"index":"121","term":4,"kind":"data","fedIndex":"18446744073709551615","sqlcmd":"eJy..."}
//   {"index":"122","term":4,"kind":"server","change":{"type":"promote","id":2,...}}
//   {"index":"119","term":4,"kind":"noop"}
// A POST body is authenticated with an HMAC of its bytes (peer-auth.ts), a frame with an
// HMAC keyed for its stream, so only servers holding the zone's credentials can send; the
// shape is still checked before anything is stepped.
import { OneKitError } from '@onekit/core';
import type { RaftMessage } from '../raft/index.js';
import { UINT64_MAX } from '../storage/index.js';
import type { ServerChange } from '../write-path/index.js';
import type { LogPayload, ZoneLogEntry } from './log-payload.js';

export interface PeerBatch {
  readonly zone: number;
  readonly from: number;
  readonly to: number;
  readonly messages: readonly RaftMessage<LogPayload>[];
}

type Json = Record<string, unknown>;

function wireEntry(entry: ZoneLogEntry): Json {
  const base = { index: String(entry.index), term: entry.term };
  const data = entry.data;
  if (data === undefined) return { ...base, kind: 'noop' };
  if (data.kind === 'membership') {
    return { ...base, kind: 'server', change: data.change };
  }
  const { sqlcmd, fedIndex } = data.value;
  if (sqlcmd === undefined || fedIndex === undefined) {
    throw new OneKitError('RAFT_WIRE', `entry ${entry.index} is sent before it is loaded`, {
      field: 'entries',
    });
  }
  return {
    ...base,
    kind: 'data',
    fedIndex: String(fedIndex === 'own' ? entry.index : fedIndex),
    sqlcmd,
  };
}

const MESSAGE_TYPES = new Set([
  'vote-request',
  'vote-response',
  'append',
  'append-response',
  'heartbeat',
  'heartbeat-response',
]);

function wireMessage(m: RaftMessage<LogPayload>): Json {
  const { from: _from, to: _to, ...rest } = m;
  return m.type === 'append' ? { ...rest, entries: m.entries.map(wireEntry) } : rest;
}

const tagIndexes = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? { $i: value.toString() } : value;

export function encodePeerBatch(batch: PeerBatch): string {
  return JSON.stringify(
    {
      zone: batch.zone,
      from: batch.from,
      to: batch.to,
      messages: batch.messages.map(wireMessage),
    },
    tagIndexes,
  );
}

function bad(message: string): OneKitError {
  return new OneKitError('RAFT_WIRE', message, { field: 'body' });
}

function int(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw bad(`${what} is not an integer`);
  return v;
}

function index(v: unknown, what: string): bigint {
  if (typeof v !== 'string' || !/^\d{1,20}$/.test(v)) throw bad(`${what} is not an index`);
  const value = BigInt(v);
  if (value > UINT64_MAX) throw bad(`${what} is beyond 64 bits`);
  return value;
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string') throw bad(`${what} is not a string`);
  return v;
}

const CHANGES = new Set(['add-learner', 'promote', 'remove']);

function readChange(v: unknown): ServerChange {
  const c = (v ?? {}) as Json;
  if (!CHANGES.has(String(c.type))) throw bad('server change has an unknown type');
  return {
    type: c.type as ServerChange['type'],
    id: int(c.id, 'change.id'),
    zoneId: int(c.zoneId, 'change.zoneId'),
    ...(c.name !== undefined && { name: text(c.name, 'change.name') }),
    ...(c.endpoint !== undefined && { endpoint: text(c.endpoint, 'change.endpoint') }),
  };
}

function readEntry(v: unknown): ZoneLogEntry {
  const e = (v ?? {}) as Json;
  const base = { index: index(e.index, 'entry index'), term: int(e.term, 'entry term') };
  switch (e.kind) {
    case 'noop':
      return { ...base, data: undefined };
    case 'server':
      return { ...base, data: { kind: 'membership', change: readChange(e.change) } };
    case 'data':
      return {
        ...base,
        data: {
          kind: 'data',
          value: { sqlcmd: text(e.sqlcmd, 'sqlcmd'), fedIndex: index(e.fedIndex, 'fedIndex') },
        },
      };
    default:
      throw bad(`entry kind ${String(e.kind)} is unknown`);
  }
}

function untag(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => untag(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Json;
  const keys = Object.keys(object);
  if (keys.length === 1 && keys[0] === '$i') return index(object.$i, path);
  return Object.fromEntries(keys.map((k) => [k, untag(object[k], `${path}.${k}`)]));
}

function readMessage(v: unknown, from: number, to: number): RaftMessage<LogPayload> {
  const m = (v ?? {}) as Json;
  if (!MESSAGE_TYPES.has(String(m.type))) throw bad(`message type ${String(m.type)} is unknown`);
  int(m.term, 'term');
  const { entries, ...rest } = m;
  const message = { ...(untag(rest, String(m.type)) as Json), from, to };
  if (m.type !== 'append') return message as unknown as RaftMessage<LogPayload>;
  if (!Array.isArray(entries)) throw bad('entries is not a list');
  return { ...message, entries: entries.map(readEntry) } as unknown as RaftMessage<LogPayload>;
}

export function decodePeerBatch(body: string): PeerBatch {
  let parsed: Json;
  try {
    parsed = JSON.parse(body) as Json;
  } catch {
    throw bad('the body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(parsed.messages)) {
    throw bad('the body has no messages');
  }
  const from = int(parsed.from, 'from');
  const to = int(parsed.to, 'to');
  return {
    zone: int(parsed.zone, 'zone'),
    from,
    to,
    messages: parsed.messages.map((m) => readMessage(m, from, to)),
  };
}

/**
 * The messages of one batch, or why it is refused: it must be addressed to this server of
 * this zone (and come from `from`, when the stream already said who sends).
 */
export function readPeerBatch(
  o: { readonly zoneId: number; readonly serverId: number },
  body: Uint8Array,
  from?: number,
): { messages: RaftMessage<LogPayload>[] } | { refused: string } {
  let batch;
  try {
    batch = decodePeerBatch(
      Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8'),
    );
  } catch (err) {
    return { refused: err instanceof Error ? err.message : String(err) };
  }
  if (batch.zone !== o.zoneId || batch.to !== o.serverId) {
    return {
      refused: `this is server ${o.serverId} of zone ${o.zoneId}, not server ${batch.to} of zone ${batch.zone}`,
    };
  }
  if (from !== undefined && batch.from !== from) {
    return { refused: `a batch from server ${batch.from} on the stream of server ${from}` };
  }
  return { messages: [...batch.messages] };
}
