// What a database holds before the daemon uses it: the schema versions of its federated
// tables (db_versioning) and of its local tables (local_db_versioning), each the version
// of the row with the highest oid. A missing table or an empty one means that part has
// never been bootstrapped, as oned reads it.
import { OneKitError } from '@onekit/core';
import type { StorageReader } from '../storage/index.js';
import {
  interruptedUpgradeAdvice,
  readUpgradeMarker,
  type UpgradeMarker,
} from '../upgrade/upgrade-marker.js';
import {
  LOCAL_DB_VERSION,
  ONEKIT_VERSION,
  SHARED_DB_VERSION,
  compareVersions,
} from '../version/index.js';

export interface DatabaseVersions {
  /** undefined: the federated tables need a bootstrap. */
  readonly shared: string | undefined;
  /** undefined: the local tables need a bootstrap. */
  readonly local: string | undefined;
  /** Left by an `onedb upgrade` that did not finish (MySQL). */
  readonly interruptedUpgrade?: UpgradeMarker;
}

async function tableExists(reader: StorageReader, table: string): Promise<boolean> {
  const sql =
    reader.backend === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?"
      : 'SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?';
  return (await reader.query(sql, [table])).length > 0;
}

async function latestVersion(reader: StorageReader, table: string): Promise<string | undefined> {
  if (!(await tableExists(reader, table))) return undefined;
  const [row] = await reader.query(
    `SELECT version FROM ${table} WHERE oid = (SELECT MAX(oid) FROM ${table})`,
  );
  const version = row?.version;
  return typeof version === 'string' && version !== '' ? version : undefined;
}

export async function readDatabaseVersions(reader: StorageReader): Promise<DatabaseVersions> {
  const marker = (await tableExists(reader, 'system_attributes'))
    ? await readUpgradeMarker(reader)
    : undefined;
  return {
    shared: await latestVersion(reader, 'db_versioning'),
    local: await latestVersion(reader, 'local_db_versioning'),
    ...(marker && { interruptedUpgrade: marker }),
  };
}

/** Which parts of the database a start must create. */
export interface BootstrapPlan {
  readonly local: boolean;
  readonly shared: boolean;
}

function mismatch(table: string, required: string, found: string): OneKitError {
  const order = compareVersions(found, required);
  const advice =
    order < 0
      ? 'Upgrade the database first: onedb upgrade'
      : 'The database is newer than this release: run a OneKit release that supports it (onedb upgrade cannot downgrade)';
  return new OneKitError(
    'DAEMON_START',
    `Database version mismatch (${table}). OneKit ${ONEKIT_VERSION} needs DB version '${required}', ` +
      `and existing DB version is '${found}'. ${advice}.`,
    { field: table },
  );
}

/**
 * Refuses a database at another schema version (older: upgrade it; newer: wrong release)
 * and says which parts need a bootstrap. Only a standalone server bootstraps, as oned:
 * masters, slaves and HA servers start from a database that already exists.
 */
export function planBootstrap(
  versions: DatabaseVersions,
  o: { standalone: boolean },
): BootstrapPlan {
  if (versions.interruptedUpgrade) {
    throw new OneKitError(
      'DAEMON_START',
      `${interruptedUpgradeAdvice(versions.interruptedUpgrade)}.`,
      { field: 'system_attributes' },
    );
  }
  if (versions.local !== undefined && versions.local !== LOCAL_DB_VERSION) {
    throw mismatch('local_db_versioning', LOCAL_DB_VERSION, versions.local);
  }
  if (versions.shared !== undefined && versions.shared !== SHARED_DB_VERSION) {
    throw mismatch('db_versioning', SHARED_DB_VERSION, versions.shared);
  }
  const plan = { local: versions.local === undefined, shared: versions.shared === undefined };
  if ((plan.local || plan.shared) && !o.standalone) {
    throw new OneKitError(
      'DAEMON_START',
      'Database has to be bootstraped to start the daemon in a federation or an HA zone: ' +
        'start it once with FEDERATION/MODE STANDALONE and SERVER_ID -1',
      { field: 'FEDERATION/MODE' },
    );
  }
  return plan;
}
