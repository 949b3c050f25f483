// The daemon keeps users and ACL rules in memory; an applied log entry that writes their
// tables makes them stale. Subscribing here, at the log, covers every way an entry gets
// applied (this server's own commit, or one replicated from another server).
import type { AppliedListener } from '../write-path/index.js';

export interface AppliedEntries {
  onApplied(listener: AppliedListener): () => void;
}

export interface IdentityCaches {
  readonly authenticator: { usersChanged(): void };
  readonly authorizer: { rulesChanged(): void };
}

/** Invalidates the caches after each apply that wrote their tables; returns the unsubscribe. */
export function invalidateCachesOnApply(log: AppliedEntries, caches: IdentityCaches): () => void {
  return log.onApplied((tables) => {
    if (tables.has('user_pool')) caches.authenticator.usersChanged();
    if (tables.has('acl')) caches.authorizer.rulesChanged();
  });
}
