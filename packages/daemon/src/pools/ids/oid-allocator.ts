// Object ids, as oned hands them out: per pool, the last id given is kept in
// pool_control(tablename, last_oid) and the next object gets last + 1. The allocator keeps
// the counters in memory (loaded once at start), so concurrent calls never get the same
// id, and hands out the pool_control write that goes into the object's own log entry.
import { OneKitError } from '@onekit/core';
import type { StorageReader, WriteOp } from '../../storage/index.js';

export interface OidAllocation {
  readonly oid: number;
  /** Records `oid` as the pool's last id; belongs in the entry that creates the object. */
  readonly control: WriteOp;
}

const INT_MAX = 2 ** 31 - 1;

export function poolControlWrite(table: string, lastOid: number): WriteOp {
  return {
    op: 'replace',
    table: 'pool_control',
    row: { tablename: table, last_oid: BigInt(lastOid) },
  };
}

export class OidAllocator {
  private constructor(private readonly last: Map<string, number>) {}

  /** Reads every pool_control row. */
  static async load(reader: StorageReader): Promise<OidAllocator> {
    const rows = await reader.query('SELECT tablename, last_oid FROM pool_control');
    return new OidAllocator(
      new Map(rows.map((row) => [String(row.tablename), Number(row.last_oid)])),
    );
  }

  /**
   * Reads pool_control again, after entries whose writes to it are not known were applied
   * (a follower may become leader). Counters only move forward: ids this server handed out
   * for writes still in flight stay taken.
   */
  async refresh(reader: StorageReader): Promise<void> {
    const rows = await reader.query('SELECT tablename, last_oid FROM pool_control');
    for (const row of rows) {
      const table = String(row.tablename);
      this.last.set(table, Math.max(this.lastOid(table), Number(row.last_oid)));
    }
  }

  /** Learns the last ids recorded by entries applied here (from another server, too). */
  observe(lastOids: ReadonlyMap<string, number>): void {
    for (const [table, last] of lastOids) {
      if (last > this.lastOid(table)) this.last.set(table, last);
    }
  }

  /** The last id given in `table`'s pool, -1 when none was. */
  lastOid(table: string): number {
    return this.last.get(table) ?? -1;
  }

  /**
   * Takes the next id of `table`. Commit the returned write with the object; if the entry
   * fails, the id is simply not used (a gap, as after a failed insert in oned).
   */
  async next(table: string): Promise<OidAllocation> {
    const oid = this.lastOid(table) + 1;
    if (oid > INT_MAX) {
      throw new OneKitError('STORAGE', `the ids of ${table} are exhausted`, { field: table });
    }
    this.last.set(table, oid);
    return { oid, control: poolControlWrite(table, oid) };
  }
}
