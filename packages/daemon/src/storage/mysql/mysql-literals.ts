// Statements with their values written in, for a batch of writes sent as one multi-statement
// query (a prepared statement carries one statement only). Text goes as a hexadecimal
// literal with a utf8mb4 introducer, so no byte of it is ever read as SQL, whatever the
// server's sql_mode says about backslashes; integers, bigints included, go as exact decimals.
import { OneKitError } from '@onekit/core';
import type { SqlValue } from '../values.js';
import type { CompiledStatement } from '../write-op.js';

export function sqlLiteral(value: SqlValue): string {
  switch (typeof value) {
    case 'string':
      return `_utf8mb4 X'${Buffer.from(value, 'utf8').toString('hex')}'`;
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? '1' : '0';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new OneKitError('STORAGE', `${value} cannot be stored`, { field: 'value' });
      }
      return String(value);
    default:
      return 'NULL';
  }
}

/** The statement with each `?` replaced by its value (the SQL has no other `?`). */
export function inlineStatement({ sql, params }: CompiledStatement): string {
  const parts = sql.split('?');
  if (parts.length !== params.length + 1) {
    throw new OneKitError('STORAGE', 'a statement has not one value per placeholder', {
      field: 'params',
    });
  }
  let out = parts[0]!;
  for (let i = 0; i < params.length; i++) out += sqlLiteral(params[i]!) + parts[i + 1]!;
  return out;
}
