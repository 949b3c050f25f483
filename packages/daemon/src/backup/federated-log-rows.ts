// The federated records of logdb as a federated restore writes them. A server's log_index
// is its own (its zone's Raft log); only fed_index carries the master's index. The restored
// records therefore follow the target's own log: consecutive log indexes after its highest
// one, in the backup's order, with fed_index, sqlcmd and timestamp as the backup has them,
// marked applied (their writes are the restored federated tables). They take the term of
// the target's last record: log terms never decrease, which Raft's election rule (the log
// whose last entry has the higher term is the more up to date) relies on, and a master's
// term belongs to another zone's Raft.
import { OneKitError } from '@onekit/core';
import type { ColumnValue, TableDef } from '../storage/index.js';
import type { DbSession } from './db-session.js';

/** The highest record of a log: its index and term (index 0, term 0 for an empty log). */
export interface LogTail {
  readonly index: bigint;
  readonly term: number;
}

/** Rewrites each federated logdb row of a backup, given in backup order, for the target. */
export type LogRowRenumbering = (values: readonly ColumnValue[]) => ColumnValue[];

function columnIndex(def: TableDef, name: string): number {
  const index = def.columns.findIndex((c) => c.name === name);
  if (index === -1) {
    throw new OneKitError('DB_BACKUP', `logdb has no ${name} column`, { field: name });
  }
  return index;
}

/**
 * The renumbering of federated records appended after `tail`. Rows must come in increasing
 * fed_index order (a backup lists logdb by log_index, which follows fed_index); `file`
 * names the backup in the error otherwise.
 */
export function federatedLogRenumbering(
  def: TableDef,
  o: { readonly tail: LogTail; readonly file: string },
): LogRowRenumbering {
  const at = {
    logIndex: columnIndex(def, 'log_index'),
    term: columnIndex(def, 'term'),
    fedIndex: columnIndex(def, 'fed_index'),
    applied: columnIndex(def, 'applied'),
  };
  let next = o.tail.index + 1n;
  let previousFed: bigint | undefined;
  return (values) => {
    const fed = BigInt(values[at.fedIndex] ?? -1);
    if (previousFed !== undefined && fed <= previousFed) {
      throw new OneKitError(
        'DB_BACKUP',
        `federated log records are not in fed_index order (${fed} after ${previousFed})`,
        { file: o.file, field: 'logdb.fed_index' },
      );
    }
    previousFed = fed;
    const row = [...values];
    row[at.logIndex] = next++;
    row[at.term] = o.tail.term;
    row[at.applied] = 1;
    return row;
  };
}

/** The highest record of the logdb table called `table` (its name before a swap). */
export async function logTailOf(session: DbSession, table: string): Promise<LogTail> {
  const [row] = await session.query(
    `SELECT log_index, term FROM ${session.quote(table)} ORDER BY log_index DESC LIMIT 1`,
  );
  return row ? { index: BigInt(row.log_index!), term: Number(row.term) } : { index: 0n, term: 0 };
}
