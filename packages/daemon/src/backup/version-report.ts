// onedb version and history: the schema versions a database holds against the ones this
// release needs. The exit statuses are oned's onedb's: 0 current, 1 not bootstrapped,
// 2 older (upgrade needed, checked first), 3 newer than this release.
import { OneKitError } from '@onekit/core';
import type { DbConfig } from '../storage/index.js';
import { compareVersions, LOCAL_DB_VERSION, SHARED_DB_VERSION } from '../version/index.js';
import { readUpgradeMarker, type UpgradeMarker } from '../upgrade/upgrade-marker.js';
import { databaseName, openSession } from './db-session.js';
import {
  currentVersion,
  LOCAL_VERSIONS,
  SHARED_VERSIONS,
  versionHistory,
  type VersionRow,
} from './version-rows.js';

export const versionStatuses = {
  current: 0,
  notBootstrapped: 1,
  upgradeNeeded: 2,
  newerThanRelease: 3,
} as const;

export type VersionStatus = (typeof versionStatuses)[keyof typeof versionStatuses];

export interface RequiredVersions {
  readonly shared: string;
  readonly local: string;
}

export const requiredVersions: RequiredVersions = {
  shared: SHARED_DB_VERSION,
  local: LOCAL_DB_VERSION,
};

export interface VersionReport {
  readonly status: VersionStatus;
  /** The database looked at: its file, or `<db> at <server>`. */
  readonly database: string;
  /** The current db_versioning row; absent when the federated tables were never bootstrapped. */
  readonly shared?: VersionRow;
  /** The current local_db_versioning row; absent when the local tables were never bootstrapped. */
  readonly local?: VersionRow;
  readonly required: RequiredVersions;
  /** Left by an `onedb upgrade` that did not finish: the status is then "upgrade needed". */
  readonly interruptedUpgrade?: UpgradeMarker;
}

/** The status for the versions found (undefined: that part is not bootstrapped). */
export function versionStatus(
  found: { shared: string | undefined; local: string | undefined },
  required: RequiredVersions = requiredVersions,
): VersionStatus {
  const { shared, local } = found;
  if (shared === undefined || local === undefined) return versionStatuses.notBootstrapped;
  const orders = [compareVersions(shared, required.shared), compareVersions(local, required.local)];
  if (orders.some((order) => order < 0)) return versionStatuses.upgradeNeeded;
  if (orders.some((order) => order > 0)) return versionStatuses.newerThanRelease;
  return versionStatuses.current;
}

/** Reads the versions; a database that does not exist is one never bootstrapped. */
export async function readVersionReport(db: DbConfig): Promise<VersionReport> {
  const session = await openSession(db, { create: false, readonly: true });
  let shared: VersionRow | undefined;
  let local: VersionRow | undefined;
  let interruptedUpgrade: UpgradeMarker | undefined;
  if (session) {
    try {
      const existing = await session.tableNames();
      if (existing.has(SHARED_VERSIONS)) shared = await currentVersion(session, SHARED_VERSIONS);
      if (existing.has(LOCAL_VERSIONS)) local = await currentVersion(session, LOCAL_VERSIONS);
      if (existing.has('system_attributes')) interruptedUpgrade = await readUpgradeMarker(session);
    } finally {
      await session.close();
    }
  }
  const status = versionStatus({ shared: shared?.version, local: local?.version });
  return {
    status:
      interruptedUpgrade && status === versionStatuses.current
        ? versionStatuses.upgradeNeeded
        : status,
    database: databaseName(db),
    ...(shared && { shared }),
    ...(local && { local }),
    required: requiredVersions,
    ...(interruptedUpgrade && { interruptedUpgrade }),
  };
}

/** Every db_versioning row, oldest first (onedb history). */
export async function readVersionHistory(db: DbConfig): Promise<VersionRow[]> {
  const session = await openSession(db, { create: false, readonly: true });
  try {
    if (!session || !(await session.tableNames()).has(SHARED_VERSIONS)) {
      throw new OneKitError(
        'STORAGE',
        `No version records found in ${databaseName(db)}: the database is not bootstrapped`,
        { field: SHARED_VERSIONS },
      );
    }
    return await versionHistory(session, SHARED_VERSIONS);
  } finally {
    await session?.close();
  }
}
