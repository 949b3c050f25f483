// The schema versions of a host's SQLite database, read-only: the version of the row with
// the highest oid in db_versioning (federated tables) and local_db_versioning. A host on
// MySQL, without a database, or with a database never bootstrapped has none to report.
import { access } from 'node:fs/promises';
import { loadOnedConf, OneKitError, type OnePaths } from '@onekit/core';

export interface SchemaVersions {
  readonly shared: string;
  readonly local: string;
}

async function backendOf(paths: OnePaths): Promise<string> {
  try {
    return (await loadOnedConf(paths.onedConf)).db.backend;
  } catch (err) {
    // Without oned.conf, oned's default backend applies.
    if (err instanceof OneKitError && err.code === 'CONFIG_MISSING') return 'sqlite';
    throw err;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

export async function readSchemaVersions(paths: OnePaths): Promise<SchemaVersions | undefined> {
  if ((await backendOf(paths)) !== 'sqlite' || !(await exists(paths.sqliteDb))) return undefined;
  // Loaded only here: the native module is not needed for anything else the agent does.
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(paths.sqliteDb, { readonly: true, fileMustExist: true });
  try {
    const latest = (table: string): string | undefined => {
      const known = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
        .get(table);
      if (!known) return undefined;
      const row = db
        .prepare(`SELECT version FROM ${table} WHERE oid = (SELECT MAX(oid) FROM ${table})`)
        .get() as { version?: unknown } | undefined;
      return typeof row?.version === 'string' && row.version !== '' ? row.version : undefined;
    };
    const shared = latest('db_versioning');
    const local = latest('local_db_versioning');
    return shared !== undefined && local !== undefined ? { shared, local } : undefined;
  } finally {
    db.close();
  }
}
