// Which names of user_pool and group_pool (unique across the federation) may be taken, so
// that allocating under a free name, the common case, reads nothing: on MariaDB that read
// was a round trip per allocation, a fifth to a third of the leader's CPU under 16 clients.
//
// The set only errs towards "maybe taken":
// - it is read from the table once, on first use, and learns every name the applied log
//   writes afterwards (this server's own commits and the replicated ones alike);
// - a name in the set is looked up in the table, which has the last word (a deleted or
//   renamed object leaves its old name in the set);
// - names are compared folded (case, accents, trailing spaces), at least as loosely as a
//   case-insensitive MariaDB collation compares them, so that a name the table would match
//   is always looked up.
// Should a taken name still be missed, the table's unique key refuses the write and the
// allocation reports the holder all the same.
import type { StorageReader, WriteOp } from '../../storage/index.js';
import { groupIdByName } from '../group/group-reader.js';
import { userIdByName } from '../user/user-reader.js';

export type NamedPool = 'user_pool' | 'group_pool';

/** The table's own answer, read when the set says a name may be taken. */
const LOOKUPS: Record<NamedPool, (db: StorageReader, name: string) => Promise<number | undefined>> =
  { user_pool: userIdByName, group_pool: groupIdByName };

const POOLS = Object.keys(LOOKUPS) as NamedPool[];

/** A name as compared here: upper case, without accents or trailing spaces. */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().trimEnd();
}

export class TakenNames {
  private readonly folded = new Map<NamedPool, Set<string>>(POOLS.map((p) => [p, new Set()]));
  private readonly loads = new Map<NamedPool, Promise<void>>();

  constructor(private readonly db: StorageReader) {}

  /** The id of the object of `pool` named `name`, or undefined when the name is free. */
  async holder(pool: NamedPool, name: string): Promise<number | undefined> {
    await this.load(pool);
    if (!this.folded.get(pool)!.has(foldName(name))) return undefined;
    return LOOKUPS[pool](this.db, name);
  }

  /** Learns the names that applied writes gave objects of the pools. */
  learn(ops: readonly WriteOp[]): void {
    for (const op of ops) {
      const names = this.folded.get(op.table as NamedPool);
      if (!names) continue;
      const values = op.op === 'update' ? op.set : op.op === 'delete' ? {} : op.row;
      if (typeof values.name === 'string') names.add(foldName(values.name));
    }
  }

  /** Reads the pool's names once; names learned meanwhile are kept beside them. */
  private load(pool: NamedPool): Promise<void> {
    let loading = this.loads.get(pool);
    if (!loading) {
      loading = this.db.query(`SELECT name FROM ${pool}`).then(
        (rows) => {
          const names = this.folded.get(pool)!;
          for (const row of rows) names.add(foldName(String(row.name)));
        },
        (err: unknown) => {
          this.loads.delete(pool); // read again on the next call
          throw err;
        },
      );
      this.loads.set(pool, loading);
    }
    return loading;
  }
}
