// Reads methodCall and methodResponse bodies by recursive descent over the tokenizer:
// the grammar is fixed, so an unexpected element is refused where it appears and the
// recursion never goes deeper than the value nesting limit.
import { bodyText } from '../xml/body.js';
import { isBlank } from '../xml/characters.js';
import { setOwnProperty } from '../xml/own-property.js';
import { XmlTokenizer, type TokenKind } from '../xml/tokenizer.js';
import { resolveLimits, type XmlRpcLimits } from './limits.js';
import { isMethodName } from './method-name.js';
import {
  parseBase64,
  parseBoolean,
  parseDateTime,
  parseDouble,
  parseInt32,
  parseInt64,
} from './scalars.js';
import type { XmlRpcFault, XmlRpcStruct, XmlRpcValue } from './values.js';

export interface MethodCall {
  methodName: string;
  params: XmlRpcValue[];
}

export type MethodResponse =
  { kind: 'value'; value: XmlRpcValue } | { kind: 'fault'; fault: XmlRpcFault };

export function decodeMethodCall(body: string | Uint8Array, limits?: XmlRpcLimits): MethodCall {
  const reader = openReader(body, limits);
  reader.expectOpen('methodCall');
  reader.expectOpen('methodName');
  const nameStart = reader.tok.start;
  const methodName = reader.scalarText();
  if (!isMethodName(methodName)) {
    reader.tok.fail(`invalid method name "${methodName}"`, nameStart, 'XMLRPC_MALFORMED');
  }
  const params: XmlRpcValue[] = [];
  let kind = reader.nextSignificant();
  if (kind === 'open' && reader.tok.name === 'params') {
    reader.readParams(params);
    kind = reader.nextSignificant();
  }
  if (kind !== 'close') reader.unexpected('methodCall');
  reader.expectEnd();
  return { methodName, params };
}

export function decodeMethodResponse(
  body: string | Uint8Array,
  limits?: XmlRpcLimits,
): MethodResponse {
  const reader = openReader(body, limits);
  reader.expectOpen('methodResponse');
  const kind = reader.nextSignificant();
  if (kind !== 'open') reader.unexpected('methodResponse');
  let response: MethodResponse;
  if (reader.tok.name === 'params') {
    const params: XmlRpcValue[] = [];
    reader.readParams(params);
    if (params.length !== 1) {
      reader.fail('XMLRPC_MALFORMED', `a response carries one value, not ${params.length}`);
    }
    response = { kind: 'value', value: params[0]! };
  } else if (reader.tok.name === 'fault') {
    response = { kind: 'fault', fault: reader.readFault() };
  } else {
    return reader.fail('XMLRPC_MALFORMED', `<${reader.tok.name}> inside <methodResponse>`);
  }
  reader.expectClose('methodResponse');
  reader.expectEnd();
  return response;
}

function openReader(body: string | Uint8Array, limits?: XmlRpcLimits): ValueReader {
  const { maxBodyBytes, maxDepth, maxElements } = resolveLimits(limits);
  const text = bodyText(body, {
    maxBytes: maxBodyBytes,
    tooLarge: 'XMLRPC_TOO_LARGE',
    malformed: 'XMLRPC_MALFORMED',
  });
  const tok = new XmlTokenizer(text, {
    codes: {
      malformed: 'XMLRPC_MALFORMED',
      tooLarge: 'XMLRPC_TOO_LARGE',
      tooDeep: 'XMLRPC_TOO_DEEP',
    },
    maxElements,
    // The grammar bounds element depth by value depth; this only backs it up.
    maxDepth: 4 * maxDepth + 8,
  });
  return new ValueReader(tok, maxDepth);
}

class ValueReader {
  constructor(
    readonly tok: XmlTokenizer,
    private readonly maxDepth: number,
  ) {}

  fail(code: 'XMLRPC_MALFORMED' | 'XMLRPC_TYPE' | 'XMLRPC_TOO_DEEP', message: string): never {
    return this.tok.fail(message, this.tok.start, code);
  }

  /** The next token, skipping white space between elements. */
  nextSignificant(): TokenKind {
    const kind = this.tok.next();
    if (kind !== 'text') return kind;
    if (!isBlank(this.tok.text)) this.fail('XMLRPC_MALFORMED', 'unexpected text');
    return this.tok.next();
  }

  unexpected(inside: string): never {
    const what =
      this.tok.kind === 'open'
        ? `<${this.tok.name}>`
        : this.tok.kind === 'end'
          ? 'end of document'
          : `</${this.tok.name}>`;
    return this.fail('XMLRPC_MALFORMED', `unexpected ${what} inside <${inside}>`);
  }

  expectOpen(name: string): void {
    if (this.nextSignificant() !== 'open' || this.tok.name !== name) {
      this.fail('XMLRPC_MALFORMED', `expected <${name}>`);
    }
  }

  /** The tokenizer guarantees a close tag matches its element; this refuses extra children. */
  expectClose(name: string): void {
    if (this.nextSignificant() !== 'close') this.unexpected(name);
  }

  expectEnd(): void {
    this.tok.next();
  }

  /** Text content of an element that holds no elements (empty when self-closing). */
  scalarText(): string {
    let kind = this.tok.next();
    let text = '';
    if (kind === 'text') {
      text = this.tok.text;
      kind = this.tok.next();
    }
    if (kind !== 'close')
      this.fail('XMLRPC_MALFORMED', `unexpected <${this.tok.name}> inside a scalar`);
    return text;
  }

  /** After `<params>`: each `<param><value>…</value></param>` until `</params>`. */
  readParams(params: XmlRpcValue[]): void {
    for (let kind = this.nextSignificant(); kind !== 'close'; kind = this.nextSignificant()) {
      if (kind !== 'open' || this.tok.name !== 'param') this.unexpected('params');
      this.expectOpen('value');
      params.push(this.readValue(0));
      this.expectClose('param');
    }
  }

  readFault(): XmlRpcFault {
    this.expectOpen('value');
    const start = this.tok.start;
    const value = this.readValue(0);
    this.expectClose('fault');
    const fault = value as Partial<Record<string, XmlRpcValue>>;
    if (
      value === null ||
      typeof value !== 'object' ||
      Array.isArray(value) ||
      typeof fault.faultCode !== 'number' ||
      !Number.isInteger(fault.faultCode) ||
      typeof fault.faultString !== 'string'
    ) {
      return this.tok.fail(
        'a fault needs an int faultCode and a string faultString',
        start,
        'XMLRPC_TYPE',
      );
    }
    return { faultCode: fault.faultCode, faultString: fault.faultString };
  }

  /** After `<value>`: a typed value, or untyped text (a string). */
  readValue(depth: number): XmlRpcValue {
    let kind = this.tok.next();
    if (kind === 'close') return '';
    if (kind === 'text') {
      const text = this.tok.text;
      const textStart = this.tok.start;
      kind = this.tok.next();
      if (kind === 'close') return text;
      if (!isBlank(text))
        this.tok.fail('text next to a typed value', textStart, 'XMLRPC_MALFORMED');
    }
    const value = this.readTyped(this.tok.name, depth);
    this.expectClose('value');
    return value;
  }

  private readTyped(type: string, depth: number): XmlRpcValue {
    switch (type) {
      case 'string':
        return this.scalarText();
      case 'int':
      case 'i4':
        return this.scalar(parseInt32, 'a 32-bit integer');
      case 'i8':
        return this.scalar(parseInt64, 'a 64-bit integer');
      case 'boolean':
        return this.scalar(parseBoolean, 'a boolean (0 or 1)');
      case 'double':
        return this.scalar(parseDouble, 'a finite double');
      case 'dateTime.iso8601':
        return this.scalar(parseDateTime, 'an ISO 8601 date and time');
      case 'base64':
        return this.scalar(parseBase64, 'base64 data');
      case 'nil':
        return this.scalar((text) => (isBlank(text) ? null : undefined), 'empty');
      case 'array':
        return this.readArray(this.enter(depth));
      case 'struct':
        return this.readStruct(this.enter(depth));
      default:
        return this.fail('XMLRPC_TYPE', `unknown value type <${type}>`);
    }
  }

  /** Reads a scalar's text and parses it; errors point at the scalar's start tag. */
  private scalar<T>(parse: (text: string) => T | undefined, expected: string): T {
    const start = this.tok.start;
    const text = this.scalarText();
    const value = parse(text);
    if (value === undefined) {
      const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
      return this.tok.fail(`"${shown}" is not ${expected}`, start, 'XMLRPC_TYPE');
    }
    return value;
  }

  private enter(depth: number): number {
    if (depth + 1 > this.maxDepth)
      this.fail('XMLRPC_TOO_DEEP', `values nested deeper than ${this.maxDepth}`);
    return depth + 1;
  }

  private readArray(depth: number): XmlRpcValue[] {
    this.expectOpen('data');
    const items: XmlRpcValue[] = [];
    for (let kind = this.nextSignificant(); kind !== 'close'; kind = this.nextSignificant()) {
      if (kind !== 'open' || this.tok.name !== 'value') this.unexpected('data');
      items.push(this.readValue(depth));
    }
    this.expectClose('array');
    return items;
  }

  private readStruct(depth: number): XmlRpcStruct {
    const struct: XmlRpcStruct = {};
    for (let kind = this.nextSignificant(); kind !== 'close'; kind = this.nextSignificant()) {
      if (kind !== 'open' || this.tok.name !== 'member') this.unexpected('struct');
      this.expectOpen('name');
      const name = this.scalarText();
      this.expectOpen('value');
      const value = this.readValue(depth);
      this.expectClose('member');
      setOwnProperty(struct, name, value);
    }
    return struct;
  }
}
