import { OneKitError } from '@onekit/core';
import {
  type ColumnValue,
  type Row,
  type StorageReader,
  type Values,
  type WriteOp,
  type WriteTransaction,
} from '../storage/index.js';
import type { EncodedEntry, HardState, LogEntry, LogRecord } from './log-entry.js';
import { encodeHardState, RAFT_STATE } from './raft-state.js';
import { decodeEntryContent, encodeEntryContent } from './sqlcmd.js';

// How log entries map onto logdb rows, and the queries that find the log's tail.

export const RECORD_COLUMNS = 'log_index, term, sqlcmd, timestamp, fed_index, applied';

export function logError(message: string): OneKitError {
  return new OneKitError('STORAGE', message, { field: 'log_index' });
}

export function toBigInt(value: ColumnValue | undefined): bigint | undefined {
  return value === null || value === undefined ? undefined : BigInt(value);
}

export function toRecord(row: Row): LogRecord {
  const { ops, server, check } = decodeEntryContent(row.sqlcmd as string);
  return {
    index: row.log_index as bigint,
    term: Number(row.term),
    fedIndex: row.fed_index as bigint,
    ops,
    ...(server && { server }),
    ...(check && { check }),
    timestamp: Number(row.timestamp),
    applied: Number(row.applied) === 1,
  };
}

/** The insert of one logdb row; applied entries carry their apply time, others 0. */
export function insertRecord(
  entry: LogEntry | EncodedEntry,
  { applied }: { applied: boolean },
): WriteOp {
  return { op: 'insert', table: 'logdb', row: recordRow(entry, { applied }) };
}

function recordRow(entry: LogEntry | EncodedEntry, { applied }: { applied: boolean }): Values {
  return {
    log_index: entry.index,
    term: entry.term,
    sqlcmd: 'sqlcmd' in entry ? entry.sqlcmd : encodeEntryContent(entry),
    timestamp: applied && 'timestamp' in entry ? entry.timestamp : 0,
    fed_index: entry.fedIndex,
    applied: applied ? 1 : 0,
  };
}

/** The end of the log as this process keeps it in memory. */
export interface Tail {
  readonly lastIndex: bigint;
  readonly lastTerm: number;
  readonly lastApplied: bigint;
}

export async function loadTail(reader: StorageReader): Promise<Tail> {
  const [max] = await reader.query('SELECT MAX(log_index) AS i FROM logdb');
  const [applied] = await reader.query('SELECT MAX(log_index) AS i FROM logdb WHERE applied = 1');
  const lastIndex = toBigInt(max?.i) ?? 0n;
  const [last] = await reader.query('SELECT term FROM logdb WHERE log_index = ?', [lastIndex]);
  return {
    lastIndex,
    lastTerm: last ? Number(last.term) : 0,
    lastApplied: toBigInt(applied?.i) ?? 0n,
  };
}

/**
 * Throws unless `entries` may be appended to the log ending at `tail`: consecutive, the
 * first one following the log without a gap and replacing no applied entry.
 */
export function checkAppendable(entries: readonly { readonly index: bigint }[], tail: Tail): void {
  const first = entries[0];
  if (!first) return;
  entries.forEach((entry, i) => {
    if (entry.index !== first.index + BigInt(i)) {
      throw logError('appended entries are not consecutive');
    }
  });
  if (first.index <= tail.lastApplied) throw logError(`entry ${first.index} is already applied`);
  if (first.index > tail.lastIndex + 1n) throw logError(`entry ${first.index} leaves a gap`);
}

/** Rows per INSERT: well under every backend's limit of parameters per statement. */
const ROWS_PER_INSERT = 500;

/**
 * Stores entries unapplied after the log ending at `lastIndex`, replacing every entry from
 * the first one's index on: a DELETE when there is something to replace, then one INSERT
 * per ROWS_PER_INSERT entries.
 */
export async function appendEntries(
  tx: WriteTransaction,
  entries: readonly (LogEntry | EncodedEntry)[],
  { lastIndex }: { lastIndex: bigint },
): Promise<void> {
  const replace = replaceSuffixOp(entries, lastIndex);
  if (replace) await tx.run(replace);
  const rows = entries.map((entry) => recordRow(entry, { applied: false }));
  for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
    await tx.insertRows('logdb', rows.slice(at, at + ROWS_PER_INSERT));
  }
}

/** The DELETE of the stored entries that `entries` replace, if they replace any. */
function replaceSuffixOp(
  entries: readonly { readonly index: bigint }[],
  lastIndex: bigint,
): WriteOp | undefined {
  const first = entries[0];
  return first && first.index <= lastIndex
    ? { op: 'delete', table: 'logdb', where: { log_index: { ge: first.index } } }
    : undefined;
}

/** appendEntries as a list of writes: the DELETE if needed, then an INSERT per entry. */
export function appendOps(
  entries: readonly (LogEntry | EncodedEntry)[],
  { lastIndex }: { lastIndex: bigint },
): WriteOp[] {
  const replace = replaceSuffixOp(entries, lastIndex);
  const inserts = entries.map((entry) => insertRecord(entry, { applied: false }));
  return replace ? [replace, ...inserts] : inserts;
}

/** Marks the entries from..to applied at `timestamp`: it must match every one of them. */
export function markAppliedOp(from: bigint, to: bigint, timestamp: number): WriteOp {
  return {
    op: 'update',
    table: 'logdb',
    set: { applied: 1, timestamp },
    where: { log_index: { ge: from, le: to }, applied: 0 },
  };
}

/** The write that stores TERM and VOTEDFOR (checked first). */
export function hardStateOp(state: HardState): WriteOp {
  const { term, votedFor } = state;
  if (!Number.isSafeInteger(term) || term < 0 || !Number.isSafeInteger(votedFor)) {
    throw new OneKitError('STORAGE', 'term and votedFor must be integers', { field: RAFT_STATE });
  }
  const body = encodeHardState(state);
  return { op: 'replace', table: 'system_attributes', row: { name: RAFT_STATE, body } };
}
