// The daemon keeps users, ACL rules, id counters and its zone's state in memory; an applied
// log entry that writes their tables makes them stale. Subscribing here, at the log, covers
// every way an entry gets applied (this server's own commit, or one replicated from another
// server of the zone).
import type { WriteOp } from '../storage/index.js';
import type { AppliedListener } from '../write-path/index.js';

export interface AppliedEntries {
  onApplied(listener: AppliedListener): () => void;
}

export interface MemoryCaches {
  readonly authenticator: { usersChanged(): void };
  readonly authorizer: { rulesChanged(): void };
  /** Learns the last ids applied, or reads pool_control again (counters only move forward). */
  readonly oids?: {
    observe(lastOids: ReadonlyMap<string, number>): void;
    refresh(): Promise<void>;
  };
  /** Learns the names given to users and groups (see pools/names/taken-names.ts). */
  readonly names?: { learn(ops: readonly WriteOp[]): void };
  /** Reads the local zone's STATE again. */
  readonly localZone?: { refresh(): Promise<void> };
  readonly onError?: (what: string, error: unknown) => void;
}

/** Invalidates the caches after each apply that wrote their tables; returns the unsubscribe. */
export function invalidateCachesOnApply(log: AppliedEntries, caches: MemoryCaches): () => void {
  return log.onApplied(({ tables, lastOids, ops }) => {
    if (tables.has('user_pool')) caches.authenticator.usersChanged();
    if (tables.has('user_pool') || tables.has('group_pool')) caches.names?.learn(ops);
    if (tables.has('acl')) caches.authorizer.rulesChanged();
    if (tables.has('pool_control')) {
      if (lastOids) caches.oids?.observe(lastOids);
      else caches.oids?.refresh().catch((err) => caches.onError?.('pool_control', err));
    }
    if (tables.has('zone_pool')) {
      caches.localZone?.refresh().catch((err) => caches.onError?.('zone_pool', err));
    }
  });
}
