import { OneKitError } from '@onekit/core';

// The DB section of oned.conf (BACKEND, SERVER, PORT, USER, PASSWD, DB_NAME, CONNECTIONS),
// with the SQLite file named explicitly: the path resolver decides where one.db lives.

export interface SqliteConfig {
  readonly backend: 'sqlite';
  /** Path of the database file (oned: /var/lib/one/one.db). */
  readonly file: string;
}

export interface MysqlConfig {
  readonly backend: 'mysql';
  readonly server: string;
  /** 0 or absent means 3306, as in oned.conf. */
  readonly port?: number;
  readonly user: string;
  readonly passwd?: string;
  readonly dbName: string;
  /** Size of the connection pool (oned.conf CONNECTIONS, default 25). */
  readonly connections?: number;
}

export type DbConfig = SqliteConfig | MysqlConfig;

export const MYSQL_DEFAULT_PORT = 3306;
export const MYSQL_DEFAULT_CONNECTIONS = 25;

function invalid(field: string, message: string): OneKitError {
  return new OneKitError('CONFIG_INVALID', message, { field });
}

function requireText(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(field, `DB ${field} must be a non-empty string`);
  }
}

function requireInteger(value: unknown, field: string, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `DB ${field} must be an integer from ${min} to ${max}`);
  }
}

/**
 * Checks a DB section and returns it typed. Errors are CONFIG_INVALID with `where.field`
 * naming the offending key.
 */
export function checkDbConfig(config: unknown): DbConfig {
  if (typeof config !== 'object' || config === null) throw invalid('backend', 'DB section missing');
  const c = config as Record<string, unknown>;
  if (c.backend === 'sqlite') {
    requireText(c.file, 'file');
    // Reads go through a second connection, which an in-memory database would not share.
    if (c.file === ':memory:') throw invalid('file', 'DB file must be a path on disk');
    return c as unknown as SqliteConfig;
  }
  if (c.backend === 'mysql') {
    requireText(c.server, 'server');
    requireText(c.user, 'user');
    requireText(c.dbName, 'dbName');
    if (!/^[A-Za-z0-9_$]+$/.test(c.dbName as string)) {
      throw invalid('dbName', 'DB dbName may hold only letters, digits, _ and $');
    }
    if (c.passwd !== undefined && typeof c.passwd !== 'string') {
      throw invalid('passwd', 'DB passwd must be a string');
    }
    requireInteger(c.port, 'port', 0, 65535);
    requireInteger(c.connections, 'connections', 1, 10000);
    return c as unknown as MysqlConfig;
  }
  throw invalid('backend', "DB backend must be 'sqlite' or 'mysql'");
}
