// The JavaScript side of XML-RPC values.
//
// Decoded values: int and i4 → number, i8 → bigint, boolean → boolean, string (typed or
// untyped) → string, double → number, dateTime.iso8601 → Date, base64 → Buffer,
// nil → null, array → array, struct → plain object. Struct members become own
// enumerable properties (defined, never assigned, so a member called `__proto__` is
// just a member); when a name repeats, the last one wins, as in most XML-RPC libraries.
//
// Encoding picks the XML-RPC type from the JavaScript one, with explicit integer width:
// a bigint is an i8; an integer number is an int when it fits in 32 bits and an error
// otherwise (wrap it with `i8()`, or `double()`); any other finite number is a double.
// Structs come from plain objects (members whose value is undefined are left out) or
// from Maps with string keys. Any Uint8Array (Buffer included) is base64.
import { OneKitError } from '../errors/index.js';

export type XmlRpcValue =
  number | bigint | boolean | string | Date | Buffer | null | XmlRpcValue[] | XmlRpcStruct;

export interface XmlRpcStruct {
  [member: string]: XmlRpcValue;
}

/** What the encoder accepts: every decoded value, plus wrappers and read-only forms. */
export type XmlRpcInput =
  | number
  | bigint
  | boolean
  | string
  | Date
  | Uint8Array
  | null
  | XmlRpcDouble
  | readonly XmlRpcInput[]
  | ReadonlyMap<string, XmlRpcInput>
  | XmlRpcInputStruct;

export interface XmlRpcInputStruct {
  readonly [member: string]: XmlRpcInput | undefined;
}

/** A number sent as `<double>` even when it is an integer. */
export class XmlRpcDouble {
  constructor(readonly value: number) {}
}

export function double(value: number): XmlRpcDouble {
  return new XmlRpcDouble(value);
}

/** A 64-bit integer, sent as `<i8>`: accepts integer numbers (exact above 2^53 too) and bigints. */
export function i8(value: number | bigint): bigint {
  if (typeof value === 'number' && !Number.isInteger(value)) {
    throw new OneKitError('XMLRPC_TYPE', `${value} is not an integer`);
  }
  return BigInt(value);
}

/** Smallest and largest i8 accepted: signed 64-bit, and unsigned up to UINT64_MAX (oned's sentinel). */
export const I8_MIN = -(2n ** 63n);
export const I8_MAX = 2n ** 64n - 1n;
export const INT_MIN = -(2 ** 31);
export const INT_MAX = 2 ** 31 - 1;

export interface XmlRpcFault {
  faultCode: number;
  faultString: string;
}
