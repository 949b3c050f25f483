import { OneKitError } from '@onekit/core';
import type { WriteOp } from './write-op.js';

const DUPLICATE_KEY_CODES = new Set([
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_CONSTRAINT_UNIQUE',
  'ER_DUP_ENTRY',
]);

/**
 * commitWrites' error when the database refused one of the writes and undid them all:
 * nothing of the batch was written, so it may be done another way. Any other error of
 * commitWrites (the commit, or making it durable) leaves the outcome to the caller's care.
 */
export class WritesRefused extends OneKitError {
  constructor(message: string, cause: unknown) {
    super('STORAGE', message, { field: 'transaction' }, { cause });
    this.name = 'WritesRefused';
  }
}

/** The STORAGE error for an op the database refused; the driver's error is the cause. */
export function opFailed(op: WriteOp, cause: unknown): OneKitError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new OneKitError(
    'STORAGE',
    `${op.op} on ${op.table} failed: ${reason}`,
    { field: op.table },
    { cause },
  );
}

/** The STORAGE error for a read the database refused. */
export function queryFailed(cause: unknown): OneKitError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new OneKitError('STORAGE', `query failed: ${reason}`, { field: 'sql' }, { cause });
}

/** True when the error, or one of its causes, is a primary-key or unique-key collision. */
export function isDuplicateKey(err: unknown): boolean {
  for (let e = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && DUPLICATE_KEY_CODES.has(code)) return true;
  }
  return false;
}
