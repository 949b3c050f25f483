import { OneKitError } from '@onekit/core';

// -f/--filter expressions: COLUMN<op>VALUE with the operators OpenNebula's CLI lists.

export const filterOperators = ['=', '!=', '<', '<=', '>', '>=', '~'] as const;
export type FilterOperator = (typeof filterOperators)[number];
export type LogicalOperator = 'AND' | 'OR';

export interface Filter {
  column: string;
  operator: FilterOperator;
  value: string;
}

// The operator is the first one in the text, its longest spelling there: upstream's
// pattern tries `<` before `<=`, which turns `ID<=5` into `ID < "=5"`; we read `<=`.
const expression = /^(.*?)(!=|<=|>=|=|<|>|~)(.*)$/s;

/** Parses -f expressions against the table's column names (matched case-insensitively). */
export function parseFilters(expressions: readonly string[], columns: readonly string[]): Filter[] {
  return expressions.map((text) => {
    const match = expression.exec(text);
    if (!match || match[1] === '') {
      throw new OneKitError(
        'FLAG_INVALID',
        `filter expression ${JSON.stringify(text)} is not COLUMN<op>VALUE`,
        {
          field: 'filter',
        },
      );
    }
    const column = match[1]!.toUpperCase();
    if (!columns.includes(column)) {
      throw new OneKitError('FLAG_INVALID', `filter column ${JSON.stringify(match[1])} not found`, {
        field: 'filter',
      });
    }
    return { column, operator: match[2] as FilterOperator, value: match[3]! };
  });
}

export function parseLogicalOperator(text: string | undefined): LogicalOperator {
  const upper = (text ?? 'AND').toUpperCase();
  if (upper === 'AND' || upper === 'OR') return upper;
  throw new OneKitError('FLAG_INVALID', `operator must be AND or OR, not ${JSON.stringify(text)}`, {
    field: 'operator',
  });
}

/** Whether a row (cells by column name) passes all filters (AND) or any of them (OR). */
export function passesFilters(
  cells: ReadonlyMap<string, string>,
  filters: readonly Filter[],
  logical: LogicalOperator,
): boolean {
  if (filters.length === 0) return true;
  const test = (f: Filter) => compare(cells.get(f.column) ?? '', f.operator, f.value);
  return logical === 'AND' ? filters.every(test) : filters.some(test);
}

// Ordering compares numbers as numbers when both sides are numbers (upstream compares the
// strings, so "9" > "10"), and strings by code unit otherwise.
function compare(cell: string, operator: FilterOperator, value: string): boolean {
  switch (operator) {
    case '=':
      return cell === value;
    case '!=':
      return cell !== value;
    case '~':
      return cell.includes(value);
    default: {
      const order = ordering(cell, value);
      if (operator === '<') return order < 0;
      if (operator === '<=') return order <= 0;
      if (operator === '>') return order > 0;
      return order >= 0;
    }
  }
}

const numeric = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function ordering(a: string, b: string): number {
  if (numeric.test(a) && numeric.test(b)) return Math.sign(Number(a) - Number(b));
  return a < b ? -1 : a > b ? 1 : 0;
}
