// The OneApiErrors methods throw, with oned's messages (core oneMessages) and resp_id
// rules: NO_EXISTS carries the object id, everything else -1.
import { oneErrorCodes, oneMessages } from '@onekit/core';
import { OneApiError } from './method.js';

export function noExists(method: string, object: string, id: number): OneApiError {
  return new OneApiError(oneErrorCodes.NO_EXISTS, oneMessages.noExists(method, { object, id }), id);
}

/** `reason` is the authorizer's refusal; without one the generic text is used. */
export function notAuthorized(
  method: string,
  o: { uid: number; object: string; reason?: string },
): OneApiError {
  return new OneApiError(oneErrorCodes.AUTHORIZATION, oneMessages.authorization(method, o));
}

export function actionFailed(method: string, message: string): OneApiError {
  return new OneApiError(oneErrorCodes.ACTION, oneMessages.action(method, message));
}

export function internalError(method: string, message: string): OneApiError {
  return new OneApiError(oneErrorCodes.INTERNAL, oneMessages.internal(method, message));
}

export function rpcApiError(method: string, message: string): OneApiError {
  return new OneApiError(oneErrorCodes.RPC_API, oneMessages.rpcApi(method, message));
}

export function allocateFailed(method: string, object: string, reason?: string): OneApiError {
  return new OneApiError(
    oneErrorCodes.ALLOCATE,
    oneMessages.allocate(method, reason === undefined ? { object } : { object, reason }),
  );
}
