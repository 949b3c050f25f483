// The statements of a commitWrites batch. On a client-server database every statement is
// parsed and run on its own, and a batch of N allocations would otherwise take 3N of them
// (the log record, the object, its pool_control row). Since nothing is read between the
// writes of a batch and it commits or rolls back whole, it may run them grouped:
// - by table, each table's writes in their order, tables in the order they first appear:
//   no statement reads or writes another table (no triggers, no foreign keys), so every
//   write matches and fails as it would in the batch's order;
// - consecutive INSERTs (or REPLACEs) of one table naming the same columns in the same order
//   as one statement of several rows (at most MAX_ROWS_PER_STATEMENT), which both backends
//   run row by row.
import {
  compileOp,
  compileRows,
  type CompiledStatement,
  type QuoteIdentifier,
  type WriteOp,
} from './write-op.js';

export const MAX_ROWS_PER_STATEMENT = 500;

export interface BatchStatement extends CompiledStatement {
  /** The batch's ops this statement runs, by index (several for a statement of rows). */
  readonly ops: readonly number[];
}

type RowOp = Extract<WriteOp, { row: unknown }>;

/** The statements that run `ops`; every op is run by exactly one of them. */
export function compileBatch(ops: readonly WriteOp[], quote: QuoteIdentifier): BatchStatement[] {
  const byTable = new Map<string, number[]>();
  ops.forEach((op, i) => {
    const indexes = byTable.get(op.table);
    if (indexes) indexes.push(i);
    else byTable.set(op.table, [i]);
  });
  const statements: BatchStatement[] = [];
  for (const indexes of byTable.values()) {
    for (let k = 0; k < indexes.length;) {
      const first = ops[indexes[k]!]!;
      let end = k + 1;
      while (
        end < indexes.length &&
        end - k < MAX_ROWS_PER_STATEMENT &&
        sameRowShape(first, ops[indexes[end]!]!)
      ) {
        end++;
      }
      const run = indexes.slice(k, end);
      const compiled =
        run.length === 1
          ? compileOp(first, quote)
          : compileRows(
              first as RowOp,
              run.map((i) => (ops[i] as RowOp).row),
              quote,
            );
      statements.push({ ...compiled, ops: run });
      k = end;
    }
  }
  return statements;
}

/**
 * What each op matched (update, delete) or wrote (insert, replace: 1), from what each
 * statement matched: an update or a delete is always a statement of its own.
 */
export function batchCounts(
  ops: readonly WriteOp[],
  statements: readonly BatchStatement[],
  matched: readonly number[],
): number[] {
  const counts = ops.map(() => 1);
  statements.forEach((statement, s) => {
    const only = statement.ops[0]!;
    const op = ops[only]!;
    if (op.op === 'update' || op.op === 'delete') counts[only] = matched[s]!;
  });
  return counts;
}

function sameRowShape(a: WriteOp, b: WriteOp): boolean {
  if (!('row' in a) || !('row' in b) || a.op !== b.op || a.table !== b.table) return false;
  const x = Object.keys(a.row);
  const y = Object.keys(b.row);
  return x.length === y.length && x.every((name, i) => name === y[i]);
}
