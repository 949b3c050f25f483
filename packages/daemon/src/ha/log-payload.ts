// How the zone's Raft log and logdb meet. The core carries entries whose data is a
// LogPayload (writes), a server change (membership) or nothing (a new leader's no-op);
// logdb stores every one of them as a row with an encoded sqlcmd and a fed_index.
import { UINT64_MAX } from '../storage/index.js';
import type { Entry, EntryData } from '../raft/index.js';
import {
  decodeEntryContent,
  encodeEntryContent,
  type EncodedEntry,
  type ServerChange,
} from '../write-path/index.js';

/**
 * The writes of a data entry. An entry read back from the log may arrive without its
 * content (only index and term are kept in memory for old entries): `sqlcmd` and
 * `fedIndex` are then filled from logdb before the entry is sent to another server.
 */
export interface LogPayload {
  sqlcmd: string | undefined;
  /** fed_index; 'own' = the entry's own index (a federated write on a federation master). */
  fedIndex: bigint | 'own' | undefined;
}

export type LogEntryData = EntryData<LogPayload>;
export type ZoneLogEntry = Entry<LogPayload>;

/** Whether the payload still has to be read from logdb. */
export function isLoaded(entry: ZoneLogEntry): boolean {
  const data = entry.data;
  return (
    data?.kind !== 'data' || (data.value.sqlcmd !== undefined && data.value.fedIndex !== undefined)
  );
}

const NOOP_SQLCMD = encodeEntryContent({ ops: [] });

export interface EncodeOptions {
  /** Server changes write zone_pool, a federated table: on a master they join the federation log. */
  readonly federationMaster: boolean;
}

/** The logdb row of an entry (its payload must be loaded). */
export function toEncodedEntry(entry: ZoneLogEntry, o: EncodeOptions): EncodedEntry {
  const { index, term, data } = entry;
  if (data === undefined) return { index, term, fedIndex: UINT64_MAX, sqlcmd: NOOP_SQLCMD };
  if (data.kind === 'membership') {
    const change = data.change as ServerChange;
    const fedIndex = o.federationMaster ? index : UINT64_MAX;
    return { index, term, fedIndex, sqlcmd: encodeEntryContent({ ops: [], server: change }) };
  }
  const { sqlcmd, fedIndex } = data.value;
  if (sqlcmd === undefined || fedIndex === undefined) {
    throw new Error(`entry ${index} is not loaded`);
  }
  return { index, term, fedIndex: fedIndex === 'own' ? index : fedIndex, sqlcmd };
}

/** An entry read from logdb (or received), its kind recovered from the content. */
export function fromEncodedEntry(row: EncodedEntry): ZoneLogEntry {
  const { index, term, sqlcmd, fedIndex } = row;
  const content = decodeEntryContent(sqlcmd);
  if (content.server !== undefined) {
    return { index, term, data: { kind: 'membership', change: content.server } };
  }
  if (content.ops.length === 0 && !content.check) return { index, term, data: undefined };
  return { index, term, data: { kind: 'data', value: { sqlcmd, fedIndex } } };
}
