// Parameter checks as xmlrpc-c's accessors make them: each declared parameter, in order,
// must be present (unless it is one of the optional trailing ones) and of exactly its
// type (an int is not an i8, a double is not an int). Extra parameters are ignored, as
// oned never asks the library to check the end of the list.
import type { XmlRpcFault, XmlRpcValue } from '@onekit/core';
import type { ParamKind } from '../api/method.js';
import { notEnoughParamsFault, wrongTypeFault } from './faults.js';

function isKind(value: XmlRpcValue, kind: ParamKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'i8':
      return typeof value === 'bigint';
    case 'boolean':
      return typeof value === 'boolean';
  }
}

/** The fault for the first parameter that does not fit, or undefined when all do. */
export function checkParams(
  spec: { readonly params: readonly ParamKind[]; readonly optionalFrom?: number },
  params: readonly XmlRpcValue[],
): XmlRpcFault | undefined {
  const optionalFrom = spec.optionalFrom ?? spec.params.length;
  for (let i = 0; i < spec.params.length; i++) {
    const value = params[i];
    if (value === undefined) return i >= optionalFrom ? undefined : notEnoughParamsFault;
    if (!isKind(value, spec.params[i]!)) return wrongTypeFault(spec.params[i]!);
  }
  return undefined;
}

/**
 * The session as oned reads it: a string as is, a number, i8 or boolean in its decimal
 * form, anything else empty (and then refused by authentication).
 */
export function sessionText(value: XmlRpcValue): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? '1' : '0';
    default:
      return '';
  }
}
