import type { IndexDef, TableDef } from './tables.js';

// The same DDL text serves both backends, as in oned: SQLite accepts MySQL's type names
// (MEDIUMTEXT, BIGINT UNSIGNED, JSON) and gives them the matching affinity.

/** CREATE TABLE IF NOT EXISTS with oned's layout: inline PRIMARY KEY when it is one column. */
export function createTableSql(table: TableDef): string {
  const inlineKey = table.primaryKey.length === 1 ? table.primaryKey[0] : undefined;
  const parts = table.columns.map(
    (c) => `${c.name} ${c.type}${c.name === inlineKey ? ' PRIMARY KEY' : ''}`,
  );
  if (!inlineKey) parts.push(`PRIMARY KEY(${table.primaryKey.join(', ')})`);
  for (const unique of table.unique) parts.push(`UNIQUE(${unique.join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${table.name} (${parts.join(', ')})`;
}

export function createIndexSql(
  table: TableDef,
  index: IndexDef,
  { ifNotExists = false } = {},
): string {
  const guard = ifNotExists ? 'IF NOT EXISTS ' : '';
  return `CREATE INDEX ${guard}${index.name} ON ${table.name} (${index.columns.join(', ')})`;
}
