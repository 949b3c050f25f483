import { OneKitError } from '@onekit/core';
import { findTable, type TableDef } from './schema/tables.js';
import type { SqlValue } from './values.js';

// A write in backend-neutral form. Each op compiles into exactly one parameterized
// statement of the backend's dialect; tables and columns are checked against the schema,
// so identifiers never come from outside it.

export type Operator = 'ne' | 'lt' | 'le' | 'gt' | 'ge';

/** One or more comparisons of a column, joined by AND ({ ge: 5, le: 9 } is a range). */
export type Comparison = { readonly [K in Operator]?: SqlValue };

/** Conditions joined by AND: a bare value means `=` (`IS NULL` for null). */
export type Where = Readonly<Record<string, SqlValue | Comparison>>;

export type Values = Readonly<Record<string, SqlValue>>;

export type WriteOp =
  | { readonly op: 'insert'; readonly table: string; readonly row: Values }
  | { readonly op: 'replace'; readonly table: string; readonly row: Values }
  | { readonly op: 'update'; readonly table: string; readonly set: Values; readonly where: Where }
  | { readonly op: 'delete'; readonly table: string; readonly where: Where };

export interface CompiledStatement {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

/** How a dialect quotes an identifier (already checked against the schema). */
export type QuoteIdentifier = (name: string) => string;

const OPERATORS = { ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

function storageError(message: string, field: string): OneKitError {
  return new OneKitError('STORAGE', message, { field });
}

function tableOf(op: WriteOp): TableDef {
  const table = findTable(op.table);
  if (!table) throw storageError(`unknown table ${op.table}`, op.table);
  return table;
}

function checkColumns(table: TableDef, names: readonly string[], what: string): void {
  if (names.length === 0) throw storageError(`${what} names no column`, table.name);
  for (const name of names) {
    if (!table.columns.some((c) => c.name === name)) {
      throw storageError(`table ${table.name} has no column ${name}`, `${table.name}.${name}`);
    }
  }
}

function isComparison(value: SqlValue | Comparison): value is Comparison {
  return typeof value === 'object' && value !== null;
}

function checkValues(
  table: TableDef,
  values: Readonly<Record<string, SqlValue | Comparison>>,
): void {
  for (const [column, value] of Object.entries(values)) {
    const scalars = isComparison(value) ? Object.values(value) : [value];
    if (scalars.length === 0) {
      throw storageError(`${column} is compared with nothing`, `${table.name}.${column}`);
    }
    // JSON (the log's format) has no NaN or Infinity: refuse them before they are logged.
    if (scalars.some((scalar) => typeof scalar === 'number' && !Number.isFinite(scalar))) {
      throw storageError(`${column} is not a finite number`, `${table.name}.${column}`);
    }
  }
}

/** Throws STORAGE (field = table or table.column) when the op does not fit the schema. */
export function validateOp(op: WriteOp): TableDef {
  const table = tableOf(op);
  switch (op.op) {
    case 'insert':
    case 'replace':
      checkColumns(table, Object.keys(op.row), 'row');
      checkValues(table, op.row);
      break;
    case 'update':
      checkColumns(table, Object.keys(op.set), 'set');
      checkValues(table, op.set);
      checkColumns(table, Object.keys(op.where), 'where');
      checkValues(table, op.where);
      break;
    case 'delete':
      checkColumns(table, Object.keys(op.where), 'where');
      checkValues(table, op.where);
      break;
  }
  return table;
}

function compileWhere(
  table: string,
  where: Where,
  quote: QuoteIdentifier,
  params: SqlValue[],
): string {
  const terms = Object.entries(where).map(([column, condition]) => {
    const name = quote(column);
    if (!isComparison(condition)) {
      if (condition === null) return `${name} IS NULL`;
      params.push(condition);
      return `${name} = ?`;
    }
    const comparisons = Object.entries(condition) as [Operator, SqlValue][];
    return comparisons
      .map(([key, value]) => {
        if (value === null) {
          if (key === 'ne') return `${name} IS NOT NULL`;
          throw storageError(`cannot order ${column} against null`, `${table}.${column}`);
        }
        params.push(value);
        return `${name} ${OPERATORS[key]} ?`;
      })
      .join(' AND ');
  });
  return terms.join(' AND ');
}

export function compileOp(op: WriteOp, quote: QuoteIdentifier): CompiledStatement {
  validateOp(op);
  const table = quote(op.table);
  const params: SqlValue[] = [];
  switch (op.op) {
    case 'insert':
    case 'replace': {
      const columns = Object.keys(op.row);
      params.push(...Object.values(op.row));
      const verb = op.op === 'insert' ? 'INSERT' : 'REPLACE';
      const marks = columns.map(() => '?').join(', ');
      return {
        sql: `${verb} INTO ${table} (${columns.map(quote).join(', ')}) VALUES (${marks})`,
        params,
      };
    }
    case 'update': {
      const assignments = Object.entries(op.set).map(([column, value]) => {
        params.push(value);
        return `${quote(column)} = ?`;
      });
      const where = compileWhere(op.table, op.where, quote, params);
      return { sql: `UPDATE ${table} SET ${assignments.join(', ')} WHERE ${where}`, params };
    }
    case 'delete':
      return {
        sql: `DELETE FROM ${table} WHERE ${compileWhere(op.table, op.where, quote, params)}`,
        params,
      };
  }
}

/**
 * One INSERT (or REPLACE) of several rows into a table, every row naming the same columns in
 * the same order (each checked as its own op would be): a single statement where a
 * client-server database would take one per row. Both backends run the rows in order.
 */
export function compileRows(
  { op, table }: { readonly op: 'insert' | 'replace'; readonly table: string },
  rows: readonly Values[],
  quote: QuoteIdentifier,
): CompiledStatement {
  const first = rows[0];
  if (!first) throw storageError(`an ${op} of rows names no row`, table);
  const columns = Object.keys(first);
  for (const row of rows) {
    validateOp({ op, table, row });
    const names = Object.keys(row);
    if (names.length !== columns.length || names.some((name, i) => name !== columns[i])) {
      throw storageError(`the rows of one ${op} must name the same columns`, table);
    }
  }
  const marks = `(${columns.map(() => '?').join(', ')})`;
  const verb = op === 'insert' ? 'INSERT' : 'REPLACE';
  return {
    sql:
      `${verb} INTO ${quote(table)} (${columns.map(quote).join(', ')}) ` +
      `VALUES ${rows.map(() => marks).join(', ')}`,
    params: rows.flatMap((row) => columns.map((column) => row[column]!)),
  };
}
