import { UINT64_MAX, type WriteTransaction } from '../storage/index.js';

export interface PurgeOptions {
  /** Applied entries of each kind to keep (RAFT/LOG_RETENTION). */
  readonly keep: number;
  /** Most entries of each kind deleted per call (RAFT/LIMIT_PURGE). */
  readonly limit: number;
}

/**
 * Deletes old applied entries as oned's purge does: local and federated entries are
 * counted apart, the newest `keep` of each kind stay, at most `limit` of each kind go.
 * Resolves to the number of entries deleted.
 */
export async function purgeApplied(
  tx: WriteTransaction,
  { keep, limit }: PurgeOptions,
): Promise<number> {
  let deleted = 0;
  for (const comparison of ['=', '<>'] as const) {
    const kind = `applied = 1 AND fed_index ${comparison} ?`;
    const [oldestKept] = await tx.query(
      `SELECT log_index FROM logdb WHERE ${kind} ORDER BY log_index DESC LIMIT 1 OFFSET ?`,
      [UINT64_MAX, keep - 1],
    );
    if (!oldestKept) continue;
    // DELETE ... LIMIT is not portable: find the first entry beyond the limit instead.
    const [beyondLimit] = await tx.query(
      `SELECT log_index FROM logdb WHERE ${kind} AND log_index < ? ORDER BY log_index LIMIT 1 OFFSET ?`,
      [UINT64_MAX, oldestKept.log_index, limit],
    );
    deleted += await tx.run({
      op: 'delete',
      table: 'logdb',
      where: {
        applied: 1,
        fed_index: comparison === '=' ? UINT64_MAX : { ne: UINT64_MAX },
        log_index: { lt: (beyondLimit ?? oldestKept).log_index },
      },
    });
  }
  return deleted;
}
