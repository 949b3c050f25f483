// The database backends an HA zone test runs on: SQLite in each root, or a database of
// its own for each server on the scratch MariaDB server (see zone-trial/trial-databases).
import type { HaZoneOptions } from '../../../../test/support/ha-zone.js';
import { trialDatabases, type Backend } from './zone-trial/trial-databases.js';

export const zoneBackends = [
  { name: 'sqlite', label: 'SQLite' },
  { name: 'mysql', label: 'MariaDB' },
] as const satisfies readonly { name: Backend; label: string }[];

export interface ZoneDatabases {
  /** What HaZone.create needs to put every server on this backend. */
  readonly options: Pick<HaZoneOptions, 'conf' | 'copyDatabase'>;
  /** Drops the databases made for the zone. */
  drop(): Promise<void>;
}

let zones = 0;

/** Fresh databases for one zone; `tag` names them after the suite. */
export async function zoneDatabases(backend: Backend, tag: string): Promise<ZoneDatabases> {
  const databases = await trialDatabases(backend, `onekit_${tag}_${process.pid}_${++zones}`);
  return {
    options: {
      ...(databases.conf && { conf: databases.conf }),
      copyDatabase: databases.copyDatabase,
    },
    drop: () => databases.drop(),
  };
}
