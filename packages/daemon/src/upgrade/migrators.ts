// The migrator chains of this release, as data: `onedb upgrade` follows `from` → `to`.
import { local760To761 } from './local-7.6.1.js';
import type { Migrator } from './migrator.js';

export interface MigratorChains {
  /** db_versioning: the federated tables. */
  readonly shared: readonly Migrator[];
  /** local_db_versioning: the zone's local tables. */
  readonly local: readonly Migrator[];
}

export const migratorChains: MigratorChains = {
  shared: [],
  local: [local760To761],
};
