// How a slave commits an entry the master shipped: as a federated entry of its own log whose
// fed_index is the master's index. The content is checked first: a shipped entry writes only
// federated tables (or changes the servers of a zone, which writes zone_pool), never local
// ones, and is never a state check (those are each zone's own). A write of the slave's own
// zone row keeps the zone's SERVER_POOL and STATE (slave-own-zone.ts has the rule).
import { OneKitError } from '@onekit/core';
import type { RaftNode } from '../ha/index.js';
import {
  readZone,
  updateZoneWrite,
  withServer,
  withoutServer,
  ZONE_TABLE,
} from '../pools/zone/index.js';
import type { StorageReader, WriteOp } from '../storage/index.js';
import {
  checkEntryScope,
  decodeEntryContent,
  encodeEntryContent,
  type EntryContent,
  type LogStore,
  type Proposal,
  type ServerChange,
} from '../write-path/index.js';
import type { ApplyShippedEntries, ShippedEntry } from './receiver.js';
import { keepOwnZoneMembership } from './slave-own-zone.js';

/** The slave's own zone: its id, and where its current zone row is read. */
export interface OwnZone {
  readonly id: number;
  readonly db: StorageReader;
}

/** The shipped ops as this slave applies them (its own zone's membership kept). */
async function ownZoneOps(ops: readonly WriteOp[], own: OwnZone | undefined): Promise<WriteOp[]> {
  if (own === undefined || !ops.some((op) => op.table === ZONE_TABLE)) return [...ops];
  const local = await readZone(own.db, own.id);
  return ops.map((op) => keepOwnZoneMembership(op, { zoneId: own.id, local }));
}

function shippedContent(entry: ShippedEntry): EntryContent {
  const content = decodeEntryContent(entry.sqlcmd);
  if (content.check) {
    throw new OneKitError('STORAGE', `federated entry ${entry.index} is a state check`, {
      field: 'sqlcmd',
    });
  }
  checkEntryScope(content.ops, { federated: true });
  return content;
}

/**
 * A slave without HA: the entries are committed to its log and applied at once, all in one
 * transaction (one sync for a whole batch), each under its own savepoint; after a failure
 * the later ones are not committed, so no gap is left. With `ownZone`, a write of that
 * zone's row keeps its SERVER_POOL and STATE as they are here.
 */
export function soloShippedApplier(
  log: LogStore,
  o: { readonly ownZone?: OwnZone } = {},
): ApplyShippedEntries {
  return async (entries) => {
    const proposals: Proposal[] = [];
    let invalid: unknown;
    for (const entry of entries) {
      try {
        const { ops, server } = shippedContent(entry);
        const kept = await ownZoneOps(ops, o.ownZone);
        proposals.push({ ops: kept, fedIndex: entry.index, ...(server && { server }) });
      } catch (error) {
        invalid = error;
        break;
      }
    }
    const outcomes =
      proposals.length === 0
        ? []
        : await log.commitProposals(proposals, {
            term: log.hardState.term,
            stopAtFirstFailure: true,
          });
    const failed = outcomes.findIndex((o) => 'error' in o);
    if (failed === -1) {
      return invalid === undefined
        ? { applied: proposals.length }
        : { applied: proposals.length, error: invalid };
    }
    const outcome = outcomes[failed]!;
    return { applied: failed, error: 'error' in outcome ? outcome.error : undefined };
  };
}

/**
 * The zone row a server change of another zone writes, computed here because a change
 * entry in the slave zone's own Raft would be read as a change of its own servers.
 */
async function serverChangeOps(db: StorageReader, change: ServerChange): Promise<WriteOp[]> {
  const zone = await readZone(db, change.zoneId);
  if (zone === undefined) return [];
  if (change.type === 'remove') return [updateZoneWrite(withoutServer(zone, change.id))];
  if (change.type !== 'promote' || change.name === undefined || change.endpoint === undefined) {
    return [];
  }
  const member = { id: change.id, name: change.name, endpoint: change.endpoint };
  return [updateZoneWrite(withServer(zone, member))];
}

/**
 * A slave zone with HA: the leader proposes the entry to the zone's Raft. With `ownZone`,
 * a write of that zone's row keeps SERVER_POOL and STATE as the leader has them when it
 * proposes the entry.
 */
export function raftShippedApplier(
  node: RaftNode,
  db: StorageReader,
  o: { readonly ownZone?: OwnZone } = {},
): ApplyShippedEntries {
  return async (entries) => {
    // One at a time: a refused proposal must not be followed by a committed later one.
    for (const [applied, entry] of entries.entries()) {
      try {
        const { ops, server } = shippedContent(entry);
        const kept = await ownZoneOps(ops, o.ownZone);
        const changed = server !== undefined || kept.some((op, i) => op !== ops[i]);
        const sqlcmd = changed
          ? encodeEntryContent({
              ops: [...kept, ...(server === undefined ? [] : await serverChangeOps(db, server))],
            })
          : entry.sqlcmd;
        await node.propose({ sqlcmd, fedIndex: entry.index });
      } catch (error) {
        return { applied, error };
      }
    }
    return { applied: entries.length };
  };
}
