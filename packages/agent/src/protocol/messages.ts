// The response envelope: `{ ok: true, result }` or `{ ok: false, error: { code, message,
// where } }`, where the error is a OneKitError's code, message and location.
import type { ErrorCode, ErrorLocation, OneKitError } from '@onekit/core';

export interface AgentErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  readonly where: ErrorLocation;
}

export type AgentResponse<R = unknown> =
  | { readonly ok: true; readonly result: R }
  | { readonly ok: false; readonly error: AgentErrorBody };

export function okResponse<R>(result: R): AgentResponse<R> {
  return { ok: true, result };
}

/** The error answer: the error's code, message and location, never its stack or cause. */
export function errorResponse(err: OneKitError): AgentResponse<never> {
  return { ok: false, error: { code: err.code, message: err.message, where: err.where } };
}
