// Builds methodCall and methodResponse bodies. Types follow values.ts; anything that
// has no XML-RPC form (undefined, functions, class instances, non-finite numbers, text
// XML cannot carry) is an XMLRPC_TYPE error naming the path to the value.
import { OneKitError } from '../errors/index.js';
import { invalidXmlCharIndex } from '../xml/characters.js';
import { escapeText } from '../xml/escape.js';
import { resolveLimits } from './limits.js';
import { isMethodName } from './method-name.js';
import { formatDateTime, formatDouble } from './scalars.js';
import {
  I8_MAX,
  I8_MIN,
  INT_MAX,
  INT_MIN,
  XmlRpcDouble,
  type XmlRpcFault,
  type XmlRpcInput,
} from './values.js';

export interface EncodeOptions {
  /** Most arrays and structs nested inside one another (default 64, at most 1000); also stops cycles. */
  maxDepth?: number;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function encodeMethodCall(
  methodName: string,
  params: readonly XmlRpcInput[],
  options: EncodeOptions = {},
): string {
  if (!isMethodName(methodName)) {
    throw new OneKitError('XMLRPC_TYPE', `invalid method name "${methodName}"`, {
      field: 'methodName',
    });
  }
  const encoder = new ValueEncoder(resolveLimits({ maxDepth: options.maxDepth }).maxDepth);
  let out = `${DECLARATION}<methodCall><methodName>${methodName}</methodName><params>`;
  params.forEach((param, i) => {
    out += `<param>${encoder.value(param, `params[${i}]`)}</param>`;
  });
  return out + '</params></methodCall>';
}

/** A response carrying one value (XML-RPC responses have exactly one parameter). */
export function encodeMethodResponse(value: XmlRpcInput, options: EncodeOptions = {}): string {
  const encoder = new ValueEncoder(resolveLimits({ maxDepth: options.maxDepth }).maxDepth);
  return `${DECLARATION}<methodResponse><params><param>${encoder.value(value, 'result')}</param></params></methodResponse>`;
}

export function encodeFault(fault: XmlRpcFault): string {
  if (!Number.isInteger(fault.faultCode)) {
    throw new OneKitError('XMLRPC_TYPE', `fault code ${fault.faultCode} is not an integer`, {
      field: 'fault.faultCode',
    });
  }
  const encoder = new ValueEncoder(1);
  const body = encoder.value(
    { faultCode: fault.faultCode, faultString: fault.faultString },
    'fault',
  );
  return `${DECLARATION}<methodResponse><fault>${body}</fault></methodResponse>`;
}

class ValueEncoder {
  constructor(private readonly maxDepth: number) {}

  /** `<value>…</value>` for one value; `path` names it in errors. */
  value(v: XmlRpcInput, path: string, depth = 0): string {
    return `<value>${this.typed(v, path, depth)}</value>`;
  }

  private typed(v: XmlRpcInput, path: string, depth: number): string {
    switch (typeof v) {
      case 'string':
        return `<string>${text(v, path)}</string>`;
      case 'boolean':
        return v ? '<boolean>1</boolean>' : '<boolean>0</boolean>';
      case 'number':
        return number(v, path);
      case 'bigint':
        if (v < I8_MIN || v > I8_MAX) fail(`${v} does not fit in 64 bits`, path);
        return `<i8>${v}</i8>`;
      case 'object':
        return this.object(v, path, depth);
      default:
        return fail(`a ${typeof v} has no XML-RPC form`, path);
    }
  }

  private object(
    v: Exclude<XmlRpcInput, string | boolean | number | bigint>,
    path: string,
    depth: number,
  ): string {
    if (v === null) return '<nil/>';
    if (v instanceof XmlRpcDouble) {
      if (!Number.isFinite(v.value)) fail(`${v.value} has no XML-RPC form`, path);
      return `<double>${formatDouble(v.value)}</double>`;
    }
    if (v instanceof Date) {
      const formatted = Number.isNaN(v.getTime()) ? undefined : formatDateTime(v);
      if (formatted === undefined) fail('the date is invalid or outside years 0-9999', path);
      return `<dateTime.iso8601>${formatted}</dateTime.iso8601>`;
    }
    if (v instanceof Uint8Array) {
      return `<base64>${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')}</base64>`;
    }
    if (depth >= this.maxDepth) {
      throw new OneKitError('XMLRPC_TOO_DEEP', `values nested deeper than ${this.maxDepth}`, {
        field: path,
      });
    }
    if (Array.isArray(v)) {
      let out = '<array><data>';
      for (let i = 0; i < v.length; i++) out += this.value(v[i], `${path}[${i}]`, depth + 1);
      return out + '</data></array>';
    }
    if (v instanceof Map) {
      let out = '<struct>';
      for (const [name, member] of v) {
        if (typeof name !== 'string') fail('struct member names must be strings', path);
        out += this.member(name, member, path, depth);
      }
      return out + '</struct>';
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      return fail(`${Object.prototype.toString.call(v)} has no XML-RPC form`, path);
    }
    let out = '<struct>';
    for (const [name, member] of Object.entries(v as Record<string, XmlRpcInput | undefined>)) {
      if (member !== undefined) out += this.member(name, member, path, depth);
    }
    return out + '</struct>';
  }

  private member(name: string, member: XmlRpcInput, path: string, depth: number): string {
    const memberPath = `${path}.${name}`;
    return `<member><name>${text(name, memberPath)}</name>${this.value(member, memberPath, depth + 1)}</member>`;
  }
}

function number(v: number, path: string): string {
  if (Number.isInteger(v)) {
    if (v >= INT_MIN && v <= INT_MAX) return `<int>${v}</int>`;
    return fail(`${v} does not fit in 32 bits: wrap it with i8() or double()`, path);
  }
  if (!Number.isFinite(v)) fail(`${v} has no XML-RPC form`, path);
  return `<double>${formatDouble(v)}</double>`;
}

function text(v: string, path: string): string {
  const bad = invalidXmlCharIndex(v);
  if (bad >= 0)
    fail(
      `character U+${v.codePointAt(bad)!.toString(16).toUpperCase().padStart(4, '0')} cannot travel in XML`,
      path,
    );
  return escapeText(v);
}

function fail(message: string, path: string): never {
  throw new OneKitError('XMLRPC_TYPE', message, { field: path });
}
