// The client side of the envelope: a result, or the agent's error rebuilt as the
// OneKitError it was, so callers catch the same codes whichever transport carried them.
import { errorCodes, OneKitError, type ErrorCode, type ErrorLocation } from '@onekit/core';
import type { OpName, OpResult } from './ops.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(what: string, host: string | undefined, cause?: unknown): OneKitError {
  return new OneKitError(
    'AGENT_RESPONSE',
    `${host ? `the agent on ${host}` : 'the agent'} answered ${what}`,
    host ? { field: host } : {},
    cause === undefined ? undefined : { cause },
  );
}

const locationKeys = ['file', 'line', 'column', 'endColumn', 'field'] as const;

function location(value: unknown): ErrorLocation {
  if (!isRecord(value)) return {};
  const where: Record<string, unknown> = {};
  for (const key of locationKeys) {
    const v = value[key];
    if (typeof v === (key === 'file' || key === 'field' ? 'string' : 'number')) where[key] = v;
  }
  return where as ErrorLocation;
}

export interface ParseResponseOptions {
  /** Named in errors about the answer itself (e.g. `127.0.0.2:2635`). */
  readonly host?: string;
}

/**
 * The result of a response to `op`; an error response is thrown as a OneKitError with the
 * agent's code (AGENT_RESPONSE when this client does not know the code) and location.
 */
export function parseResponse<K extends OpName>(
  _op: K,
  value: unknown,
  options: ParseResponseOptions = {},
): OpResult<K> {
  if (!isRecord(value) || typeof value.ok !== 'boolean') {
    throw malformed('something that is not a response', options.host);
  }
  if (value.ok) {
    if (!('result' in value)) throw malformed('"ok" without a result', options.host);
    return value.result as OpResult<K>;
  }
  const error = value.error;
  if (!isRecord(error) || typeof error.code !== 'string' || typeof error.message !== 'string') {
    throw malformed('an error without a code and message', options.host);
  }
  const known = Object.hasOwn(errorCodes, error.code);
  return throwError(
    known ? (error.code as ErrorCode) : 'AGENT_RESPONSE',
    known ? error.message : `${error.code}: ${error.message}`,
    location(error.where),
  );
}

function throwError(code: ErrorCode, message: string, where: ErrorLocation): never {
  throw new OneKitError(code, message, where);
}

/** Parses response text (an HTTP body, the one-shot mode's stdout). */
export function parseResponseText<K extends OpName>(
  op: K,
  text: string,
  options: ParseResponseOptions = {},
): OpResult<K> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw malformed('text that is not JSON', options.host, err);
  }
  return parseResponse(op, value, options);
}
