import { checkDbConfig } from './config.js';
import type { Database } from './database.js';
import { MysqlDatabase } from './mysql/mysql-database.js';
import { SqliteDatabase } from './sqlite/sqlite-database.js';

/** Opens the backend the DB section names (it is checked first: CONFIG_INVALID). */
export async function openDatabase(config: unknown): Promise<Database> {
  const checked = checkDbConfig(config);
  return checked.backend === 'sqlite' ? SqliteDatabase.open(checked) : MysqlDatabase.open(checked);
}
