// A database as the previous OneKit release left it. This machine has one release, whose
// daemon refuses an older schema at start; what an upgrade meets is the previous release's
// daemons still running on their database once the new release is installed. So a database
// written by this release is made to look as the previous one left it, in place beside its
// running daemon: the indexes the previous schema did not have are dropped and the version
// rows go back to the previous versions (previousSchema lists what that schema had).
// Mocha-free: the upgrade tests and the upgrade benchmark both use it.
import Database from 'better-sqlite3';
import {
  PREVIOUS_LOCAL_VERSION,
  PREVIOUS_SHARED_VERSION,
  previousSchema,
} from '../../packages/daemon/src/upgrade/index.js';

/**
 * Makes a SQLite database look as the previous release left it: its indexes that
 * previousSchema does not list dropped, its version rows back to the previous versions.
 */
export function asPreviousRelease(file: string): void {
  const db = new Database(file, { timeout: 30_000 });
  try {
    const known = new Set(previousSchema.flatMap((t) => t.indexes.map((i) => i.name)));
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      .all() as { name: string }[];
    db.transaction(() => {
      for (const { name } of indexes) if (!known.has(name)) db.exec(`DROP INDEX "${name}"`);
      for (const [table, version] of [
        ['db_versioning', PREVIOUS_SHARED_VERSION],
        ['local_db_versioning', PREVIOUS_LOCAL_VERSION],
      ] as const) {
        db.prepare(`DELETE FROM ${table} WHERE oid > 0`).run();
        db.prepare(`UPDATE ${table} SET version = ? WHERE oid = 0`).run(version);
      }
    })();
  } finally {
    db.close();
  }
}

/** The schema versions of a SQLite database: [shared, local]. */
export function schemaOf(file: string): [string, string] {
  const db = new Database(file, { readonly: true });
  try {
    const latest = (t: string) =>
      (
        db.prepare(`SELECT version FROM ${t} ORDER BY oid DESC LIMIT 1`).get() as {
          version: string;
        }
      ).version;
    return [latest('db_versioning'), latest('local_db_versioning')];
  } finally {
    db.close();
  }
}
