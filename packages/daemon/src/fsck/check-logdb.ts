// logdb: record 0 exists (term 0, applied, local), the applied records are the log's
// prefix (no record waits to be applied below one that was), and fed_index agrees with
// the record's content and FEDERATION/MODE: local records carry UINT64_MAX; federated
// ones their own index on a master, UINT64_MAX on a standalone server, and the master's
// index (never UINT64_MAX, increasing) on a slave. A record whose sqlcmd cannot be read
// is reported; a record that is missing is never invented, except record 0.
import { federatedTableNames, UINT64_MAX, type WriteOp } from '../storage/index.js';
import { decodeEntryContent } from '../write-path/index.js';
import { insertRecord } from '../write-path/log-rows.js';
import type { CheckContext } from './fsck-problem.js';

/** Records read per query: the log may hold hundreds of thousands. */
const PAGE = 5000;

function isFederatedOp(op: WriteOp): boolean {
  if (op.table !== 'pool_control') return federatedTableNames.has(op.table);
  const tablename =
    op.op === 'insert' || op.op === 'replace' ? op.row.tablename : op.where.tablename;
  return typeof tablename === 'string' && federatedTableNames.has(tablename);
}

/** federated / local, or undefined for a record that writes nothing itself (record 0, checks, server changes). */
function scopeOf(ops: readonly WriteOp[]): 'federated' | 'local' | undefined {
  if (ops.length === 0) return undefined;
  return ops.some(isFederatedOp) ? 'federated' : 'local';
}

async function checkRecordZero(ctx: CheckContext): Promise<void> {
  const [zero] = await ctx.query('SELECT log_index FROM logdb WHERE log_index = 0');
  if (zero) return;
  ctx.report({ table: 'logdb', id: 0, message: 'logdb record 0 is missing', fixable: true });
  const record = { index: 0n, term: 0, fedIndex: UINT64_MAX, ops: [], timestamp: ctx.now };
  ctx.write(insertRecord(record, { applied: true }));
}

async function checkAppliedPrefix(ctx: CheckContext): Promise<void> {
  const [last] = await ctx.query('SELECT MAX(log_index) AS i FROM logdb WHERE applied = 1');
  if (last?.i === null || last?.i === undefined) return;
  const waiting = await ctx.query(
    'SELECT log_index FROM logdb WHERE applied = 0 AND log_index < ? ORDER BY log_index',
    [BigInt(last.i)],
  );
  for (const row of waiting) {
    const index = String(row.log_index);
    ctx.report({
      table: 'logdb',
      id: index,
      message: `logdb record ${index} is not applied, but record ${String(last.i)} after it is`,
      fixable: false,
    });
  }
}

function expectedFedIndex(
  ctx: CheckContext,
  index: bigint,
  scope: 'federated' | 'local',
): bigint | undefined {
  if (scope === 'local') return UINT64_MAX;
  if (ctx.federation === 'MASTER') return index;
  if (ctx.federation === 'STANDALONE') return UINT64_MAX;
  return undefined;
}

export async function checkLogdb(ctx: CheckContext): Promise<void> {
  await checkRecordZero(ctx);
  await checkAppliedPrefix(ctx);
  let after = 0n;
  let lastSlaveFed = -1n;
  for (;;) {
    const rows = await ctx.query(
      `SELECT log_index, fed_index, sqlcmd FROM logdb WHERE log_index > ? ORDER BY log_index LIMIT ${PAGE}`,
      [after],
    );
    for (const row of rows) {
      const index = BigInt(row.log_index!);
      const fedIndex = BigInt(row.fed_index ?? UINT64_MAX);
      const report = (message: string, fixable: boolean) =>
        ctx.report({
          table: 'logdb',
          id: String(index),
          message: `logdb record ${index} ${message}`,
          fixable,
        });
      let ops: readonly WriteOp[];
      try {
        ops = decodeEntryContent(String(row.sqlcmd ?? '')).ops;
      } catch (err) {
        report(`sqlcmd does not parse: ${err instanceof Error ? err.message : String(err)}`, false);
        continue;
      }
      const scope = scopeOf(ops);
      if (scope === undefined) continue;
      const expected = expectedFedIndex(ctx, index, scope);
      if (expected === undefined) {
        // A slave's federated records carry the master's indexes: present and increasing.
        if (fedIndex === UINT64_MAX || fedIndex <= lastSlaveFed) {
          report(
            `is federated, but its fed_index ${fedIndex} is not a master index after ${lastSlaveFed}`,
            false,
          );
        } else lastSlaveFed = fedIndex;
        continue;
      }
      if (fedIndex === expected) continue;
      report(
        `is ${scope === 'local' ? 'a local' : 'a federated'} record with fed_index ${fedIndex}, ` +
          `not ${expected} (FEDERATION/MODE ${ctx.federation})`,
        true,
      );
      ctx.write({
        op: 'update',
        table: 'logdb',
        set: { fed_index: expected },
        where: { log_index: index },
      });
    }
    if (rows.length < PAGE) break;
    after = BigInt(rows[rows.length - 1]!.log_index!);
  }
}
