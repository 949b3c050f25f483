// The versions the daemon speaks and stores, in one place. OneKit mirrors OpenNebula HEAD:
// the API reports oned's code version and the database carries oned's schema versions, so
// onedb, the CLIs and upgrade tooling see the numbers they know.

/** OneKit's own release (package.json of the daemon). */
export const ONEKIT_VERSION = '0.1.0';

/** The OpenNebula release whose API the daemon implements: one.system.version answers it. */
export const ONED_API_VERSION = '7.5.80';

/** Schema version of the federated tables (db_versioning). */
export const SHARED_DB_VERSION = '7.6.0';

/**
 * Schema version of the zone's local tables (local_db_versioning). 7.6.1 is OneKit's own
 * step after oned's 7.6.0 (logdb's purge index and one form of the local-record sentinel):
 * a patch number, so that it orders before any schema a later OpenNebula release brings.
 */
export const LOCAL_DB_VERSION = '7.6.1';

/** The comment of the bootstrap rows of db_versioning and local_db_versioning. */
export function bootstrapComment(): string {
  return `${ONED_API_VERSION} daemon bootstrap (OneKit ${ONEKIT_VERSION})`;
}

/**
 * Orders dotted versions numerically ("7.10.0" > "7.6.0"); a missing part counts as 0 and
 * a non-numeric part sorts by text. Negative when a < b, positive when a > b, 0 if equal.
 */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i] ?? '0';
    const y = right[i] ?? '0';
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const order = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (order !== 0) return order;
  }
  return 0;
}
