// onedb copies and merges only databases at this release's schema versions.
import { OneKitError } from '@onekit/core';
import type { DbSession } from '../backup/db-session.js';
import { currentVersion, LOCAL_VERSIONS, SHARED_VERSIONS } from '../backup/version-rows.js';
import { LOCAL_DB_VERSION, SHARED_DB_VERSION } from '../version/index.js';

/** Throws DB_COPY (field `shared` or `local`) unless both versions are this release's. */
export async function requireReleaseVersions(session: DbSession, which: string): Promise<void> {
  const existing = await session.tableNames();
  const required = [
    { table: SHARED_VERSIONS, version: SHARED_DB_VERSION, field: 'shared' },
    { table: LOCAL_VERSIONS, version: LOCAL_DB_VERSION, field: 'local' },
  ];
  for (const { table, version, field } of required) {
    const found = existing.has(table) ? (await currentVersion(session, table))?.version : undefined;
    if (found !== version) {
      throw new OneKitError(
        'DB_COPY',
        `the ${which}'s ${table} version is ${found ?? 'missing'}, this release needs ${version}: ` +
          'run onedb upgrade (or onedb version) on it first',
        { field },
      );
    }
  }
}
