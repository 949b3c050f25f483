// Faults, as xmlrpc-c (oned's XML-RPC library) sends them: for calls it cannot read, for
// unknown methods and for parameters of the wrong type or number. These are XML-RPC
// <fault> responses, not OpenNebula's [false, ...] arrays, because in oned they never
// reach the method: the library refuses the call (parse, lookup) or the method's
// parameter accessors throw before it does anything.
import type { XmlRpcFault } from '@onekit/core';
import type { ParamKind } from '../api/method.js';

export const faultCodes = {
  INTERNAL: -500,
  TYPE: -501,
  PARSE: -503,
  NO_SUCH_METHOD: -506,
} as const;

export function parseFault(detail: string): XmlRpcFault {
  return {
    faultCode: faultCodes.PARSE,
    faultString: `Call XML not a proper XML-RPC call.  ${detail}`,
  };
}

export function noSuchMethodFault(method: string): XmlRpcFault {
  return { faultCode: faultCodes.NO_SUCH_METHOD, faultString: `Method '${method}' not defined` };
}

export const notEnoughParamsFault: XmlRpcFault = {
  faultCode: faultCodes.TYPE,
  faultString: 'Not enough parameters',
};

const typeNames: Record<ParamKind, string> = {
  int: 'integer',
  boolean: 'boolean',
  string: 'a string',
  i8: '64-bit integer',
};

export function wrongTypeFault(kind: ParamKind): XmlRpcFault {
  return {
    faultCode: faultCodes.TYPE,
    faultString: `Parameter that is supposed to be ${typeNames[kind]} is not`,
  };
}

/** A call with no parameter at all: oned reads the session by index, which the library refuses. */
export const missingSessionFault: XmlRpcFault = {
  faultCode: faultCodes.INTERNAL,
  faultString:
    'Unexpected error executing code for particular method, detected by Xmlrpc-c method registry code.  ' +
    'Method did not fail; rather, it did not complete at all.  Subscript of xmlrpc_c::paramList out of bounds',
};
