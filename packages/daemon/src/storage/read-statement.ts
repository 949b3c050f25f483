import { OneKitError } from '@onekit/core';

const SELECT = /^\s*SELECT\b/i;

/** Reads are SELECT statements: every write goes through the write path. */
export function assertReadStatement(sql: string): void {
  if (!SELECT.test(sql)) {
    throw new OneKitError('STORAGE', 'only SELECT statements may be queried', { field: 'sql' });
  }
}
