import { OneKitError } from '@onekit/core';
import { type ColumnValue, type Row, type StorageReader, type WriteOp } from '../storage/index.js';
import type { EncodedEntry, LogEntry, LogRecord } from './log-entry.js';
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
  return {
    op: 'insert',
    table: 'logdb',
    row: {
      log_index: entry.index,
      term: entry.term,
      sqlcmd: 'sqlcmd' in entry ? entry.sqlcmd : encodeEntryContent(entry),
      timestamp: applied && 'timestamp' in entry ? entry.timestamp : 0,
      fed_index: entry.fedIndex,
      applied: applied ? 1 : 0,
    },
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
