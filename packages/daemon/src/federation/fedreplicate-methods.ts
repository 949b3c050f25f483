// The slave's federation log methods.
//
//   one.zone.fedreplicate(s session, i8 index, i8 prev_index, s sql) -> i8 index
//     oned's single-entry call. `sql` is the entry's encoded sqlcmd (OneKit's JSON ops,
//     zlib then base64, as logdb holds it), so a MariaDB master feeds a SQLite slave and
//     the reverse.
//   onekit.zone.fedreplicate(s session, i8 prev_index, s entries) -> i8 last index
//     The same in batches, which OneKit masters use: `entries` holds one line per entry,
//     "<index> <sqlcmd>", consecutive in the master's federated log, the first following
//     prev_index. Entries are taken in order until one cannot be.
//
// Both: oneadmin (uid 0) only; leader-only (a follower of an HA slave zone forwards them);
// allowed while the zone is disabled; refused by a server that is not a slave. A failure
// carries the slave's last federated index in replication_idx (value[4]).
import { oneErrorCodes, oneMessages } from '@onekit/core';
import { notAuthorized } from '../api/failures.js';
import { OneApiError, type MethodCallContext, type MethodSpec } from '../api/method.js';
import type { FederationReceiver, ReceiveOutcome, ShippedEntry } from './receiver.js';

export const FEDREPLICATE = 'one.zone.fedreplicate';
export const FEDREPLICATE_BATCH = 'onekit.zone.fedreplicate';

function replicationError(method: string, index: bigint, reason: string, lastIndex: bigint) {
  return new OneApiError(
    oneErrorCodes.REPLICATION,
    oneMessages.replication(method, { index, reason }),
    -1,
    lastIndex,
  );
}

/** The batch parameter: "<index> <sqlcmd>" per line. */
export function encodeShippedEntries(entries: readonly ShippedEntry[]): string {
  return entries.map((e) => `${e.index} ${e.sqlcmd}`).join('\n');
}

export function decodeShippedEntries(text: string): ShippedEntry[] | undefined {
  const entries: ShippedEntry[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\d+) (\S+)$/.exec(line);
    if (!match) return undefined;
    entries.push({ index: BigInt(match[1]!), sqlcmd: match[2]! });
  }
  return entries;
}

export interface FedReplicateOptions {
  /** Present on a slave only. */
  readonly receiver: FederationReceiver | undefined;
}

function checkCaller(call: MethodCallContext<unknown>, index: bigint, o: FedReplicateOptions) {
  if (call.caller.uid !== 0) {
    throw notAuthorized(call.method, { uid: call.caller.uid, object: 'ZONE' });
  }
  if (o.receiver === undefined) {
    const reason = 'Cannot replicate federate log records on federation master';
    throw replicationError(call.method, index, reason, -1n);
  }
  return o.receiver;
}

function answer(method: string, index: bigint, outcome: ReceiveOutcome): bigint {
  if (outcome.ok) return outcome.index;
  throw replicationError(method, index, outcome.message, outcome.lastIndex);
}

export function fedReplicateMethods(o: FedReplicateOptions): MethodSpec<unknown>[] {
  return [
    {
      name: FEDREPLICATE,
      params: ['i8', 'i8', 'string'],
      allowedWhenDisabled: true,
      async handler(call) {
        const [index, prev, sql] = call.params as [bigint, bigint, string];
        const receiver = checkCaller(call, index, o);
        if (sql === '') {
          throw replicationError(call.method, index, 'Empty SQL command in log record', -1n);
        }
        return answer(call.method, index, await receiver.receive(prev, [{ index, sqlcmd: sql }]));
      },
    },
    {
      name: FEDREPLICATE_BATCH,
      params: ['i8', 'string'],
      allowedWhenDisabled: true,
      async handler(call) {
        const [prev, text] = call.params as [bigint, string];
        const receiver = checkCaller(call, prev, o);
        const entries = decodeShippedEntries(text);
        if (entries === undefined || entries.length === 0) {
          throw replicationError(call.method, prev, 'Malformed or empty batch of entries', -1n);
        }
        return answer(call.method, entries[0]!.index, await receiver.receive(prev, entries));
      },
    },
  ];
}
