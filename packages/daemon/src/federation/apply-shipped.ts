// How a slave commits an entry the master shipped: as a federated entry of its own log whose
// fed_index is the master's index. The content is checked first: a shipped entry writes only
// federated tables (or changes the servers of a zone, which writes zone_pool), never local
// ones, and is never a state check (those are each zone's own).
import { OneKitError } from '@onekit/core';
import type { RaftNode } from '../ha/index.js';
import { readZone, updateZoneWrite, withServer, withoutServer } from '../pools/zone/index.js';
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
 * the later ones are not committed, so no gap is left.
 */
export function soloShippedApplier(log: LogStore): ApplyShippedEntries {
  return async (entries) => {
    const proposals: Proposal[] = [];
    let invalid: unknown;
    for (const entry of entries) {
      try {
        const { ops, server } = shippedContent(entry);
        proposals.push({ ops, fedIndex: entry.index, ...(server && { server }) });
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

/** A slave zone with HA: the leader proposes the entry to the zone's Raft. */
export function raftShippedApplier(node: RaftNode, db: StorageReader): ApplyShippedEntries {
  return async (entries) => {
    // One at a time: a refused proposal must not be followed by a committed later one.
    for (const [applied, entry] of entries.entries()) {
      try {
        const { ops, server } = shippedContent(entry);
        const sqlcmd =
          server === undefined
            ? entry.sqlcmd
            : encodeEntryContent({ ops: [...ops, ...(await serverChangeOps(db, server))] });
        await node.propose({ sqlcmd, fedIndex: entry.index });
      } catch (error) {
        return { applied, error };
      }
    }
    return { applied: entries.length };
  };
}
