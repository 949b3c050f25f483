// Two objects of a pool may be created concurrently and committed in the other order:
// ids 7 then 8 handed out, the entry with 8 committed first. Written as given, pool_control
// would then go back to 7 and id 8 would be handed out again after a restart. The guard sits
// in front of the committer and writes, instead of an entry's own value, the highest id
// given so far: entries commit in call order, so the column only ever grows.
import type { WriteOp } from '../../storage/index.js';
import type { CommitOptions, Committer } from '../../write-path/index.js';
import type { OidAllocator } from './oid-allocator.js';

function raised(op: WriteOp, ids: OidAllocator): WriteOp {
  if (op.table !== 'pool_control' || op.op !== 'replace') return op;
  const { tablename, last_oid: lastOid } = op.row;
  if (typeof tablename !== 'string' || typeof lastOid !== 'bigint') return op;
  const highest = BigInt(ids.lastOid(tablename));
  return highest > lastOid ? { ...op, row: { ...op.row, last_oid: highest } } : op;
}

export function guardPoolControl(committer: Committer, ids: OidAllocator): Committer {
  return {
    commit(ops: readonly WriteOp[], options: CommitOptions) {
      return committer.commit(
        ops.map((op) => raised(op, ids)),
        options,
      );
    },
  };
}
