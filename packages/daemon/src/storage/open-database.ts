import { checkDbConfig } from './config.js';
import type { Database } from './database.js';
import { SqliteDatabase } from './sqlite/sqlite-database.js';

/**
 * Opens the backend the DB section names (it is checked first: CONFIG_INVALID). The MySQL
 * driver is loaded only for a MySQL database: a command on SQLite starts without it.
 */
export async function openDatabase(config: unknown): Promise<Database> {
  const checked = checkDbConfig(config);
  if (checked.backend === 'sqlite') return SqliteDatabase.open(checked);
  const { MysqlDatabase } = await import('./mysql/mysql-database.js');
  return MysqlDatabase.open(checked);
}
