// OpenNebula's result convention: every method answers with an array.
//   success  [true, value, 0]
//   failure  [false, message, code, resp_id, replication_idx]   (5.10 and later)
// 5.4-5.8 sent the failure without replication_idx and 4.x without resp_id as well; the
// reader accepts all three. resp_id is an int (a Raft follower puts its term there);
// replication_idx is an i8 (a federation slave puts its last applied index there).
//
// Defaults when a failure has neither: resp_id -1, as oned. oned's replication_idx
// default is UINT64_MAX in an unsigned variable, which its XML-RPC library sends as the
// signed i8 -1; oneFailure sends -1n too, so peers of either kind read the same value.
// BigInt.asUintN(64, x) gives the unsigned reading back.
import { OneKitError } from '../errors/index.js';
import type { XmlRpcInput, XmlRpcValue } from './values.js';

export type OneSuccess<T extends XmlRpcInput> = [true, T, 0];
export type OneFailure = [false, string, number, number, bigint];

export interface OneFailureOptions {
  /** Object id or follower term (default -1). */
  respId?: number;
  /** Federation log index (default -1n, oned's UINT64_MAX on the wire). */
  replicationIndex?: bigint;
}

export type OneResult =
  | { ok: true; value: XmlRpcValue }
  | { ok: false; code: number; message: string; respId: number; replicationIndex: bigint };

export const DEFAULT_RESP_ID = -1;
export const DEFAULT_REPLICATION_INDEX = -1n;

export function oneSuccess<T extends XmlRpcInput>(value: T): OneSuccess<T> {
  return [true, value, 0];
}

export function oneFailure(
  code: number,
  message: string,
  options: OneFailureOptions = {},
): OneFailure {
  return [
    false,
    message,
    code,
    options.respId ?? DEFAULT_RESP_ID,
    options.replicationIndex ?? DEFAULT_REPLICATION_INDEX,
  ];
}

/** Reads a method's result array; a shape that is no OpenNebula result is XMLRPC_TYPE. */
export function readOneResult(result: XmlRpcValue): OneResult {
  if (!Array.isArray(result)) throw shapeError('the result is not an array', 'result');
  const [ok, second, code, respId, replicationIndex] = result;
  if (typeof ok !== 'boolean') throw shapeError('the first element is not a boolean', 'result[0]');
  if (ok) {
    if (result.length < 2) throw shapeError('a success carries a value', 'result[1]');
    return { ok: true, value: second! };
  }
  if (typeof second !== 'string')
    throw shapeError('the failure message is not a string', 'result[1]');
  if (!isInteger(code)) throw shapeError('the error code is not an integer', 'result[2]');
  if (respId !== undefined && !isInteger(respId)) {
    throw shapeError('resp_id is not an integer', 'result[3]');
  }
  if (
    replicationIndex !== undefined &&
    typeof replicationIndex !== 'bigint' &&
    !isInteger(replicationIndex)
  ) {
    throw shapeError('replication_idx is not an integer', 'result[4]');
  }
  return {
    ok: false,
    code,
    message: second,
    respId: respId ?? DEFAULT_RESP_ID,
    replicationIndex:
      replicationIndex === undefined ? DEFAULT_REPLICATION_INDEX : BigInt(replicationIndex),
  };
}

function isInteger(v: XmlRpcValue | undefined): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function shapeError(message: string, field: string): OneKitError {
  return new OneKitError('XMLRPC_TYPE', `not an OpenNebula result: ${message}`, { field });
}
