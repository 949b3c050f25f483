// Reads an OpenNebula XML document into plain objects, as a client needs it:
//   - an element with child elements becomes an object keyed by child name;
//   - an element without child elements becomes its text (CDATA included, exactly as
//     written: nothing is trimmed), or a number/bigint where the caller asks for one;
//   - a name that repeats becomes an array, and names the caller lists in `arrays` are
//     always arrays, even with one element or none (an empty `<SERVER_POOL/>` under
//     the path `ZONE/SERVER_POOL/SERVER` reads as `{ SERVER: [] }`).
// Paths are element names joined by `/` and match the end of an element's path, so
// `ZONE/SERVER_POOL/SERVER` applies in a ZONE document and inside a ZONE_POOL alike.
// Attributes are ignored (OpenNebula's documents have none); text mixed with child
// elements is refused. The result is `{ [rootName]: value }`.
import { OneKitError } from '../errors/index.js';
import { bodyText } from './body.js';
import { isBlank } from './characters.js';
import { setOwnProperty } from './own-property.js';
import { XmlTokenizer } from './tokenizer.js';

export type XmlValue = string | number | bigint | XmlObject | XmlValue[];

export interface XmlObject {
  [name: string]: XmlValue;
}

export interface ReadXmlOptions {
  /** Name the root element must have. */
  root?: string;
  /** Element paths always read as arrays. */
  arrays?: readonly string[];
  /** Element paths read as numbers (decimal text; integers must be safe). */
  numbers?: readonly string[];
  /** Element paths read as bigints (64-bit indexes). */
  bigints?: readonly string[];
  /** Largest document, in bytes (default 256 MiB). */
  maxBytes?: number;
  /** Most elements open at once (default 128). */
  maxDepth?: number;
  /** Most elements in the document (default 10,000,000). */
  maxElements?: number;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 128;
const DEFAULT_MAX_ELEMENTS = 10_000_000;

const DECIMAL = /^-?[0-9]+(?:\.[0-9]+)?$/;
const INTEGER = /^-?[0-9]+$/;

interface Frame {
  name: string;
  object: XmlObject | undefined;
  text: string;
}

export function readXmlDocument(xml: string | Uint8Array, options: ReadXmlOptions = {}): XmlObject {
  const text = bodyText(xml, {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    tooLarge: 'XML_DOCUMENT',
    malformed: 'XML_DOCUMENT',
  });
  const tok = new XmlTokenizer(text, {
    codes: { malformed: 'XML_DOCUMENT', tooLarge: 'XML_DOCUMENT', tooDeep: 'XML_DOCUMENT' },
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxElements: options.maxElements ?? DEFAULT_MAX_ELEMENTS,
  });
  const arrays = new PathSet(options.arrays);
  const numbers = new PathSet(options.numbers);
  const bigints = new PathSet(options.bigints);
  const path: string[] = [];
  const frames: Frame[] = [{ name: '', object: {}, text: '' }];

  for (let kind = tok.next(); kind !== 'end'; kind = tok.next()) {
    if (kind === 'open') {
      if (path.length === 0 && options.root !== undefined && tok.name !== options.root) {
        tok.fail(`the root element is <${tok.name}>, not <${options.root}>`);
      }
      const parent = frames.at(-1)!;
      if (parent.object === undefined) {
        if (!isBlank(parent.text)) tok.fail(`<${parent.name}> mixes text and elements`);
        parent.object = {};
      }
      path.push(tok.name);
      frames.push({ name: tok.name, object: undefined, text: '' });
    } else if (kind === 'text') {
      const frame = frames.at(-1)!;
      if (frame.object !== undefined && !isBlank(tok.text))
        tok.fail(`<${frame.name}> mixes text and elements`);
      frame.text += tok.text;
    } else {
      const frame = frames.pop()!;
      const value = frameValue(frame);
      const alwaysArray = arrays.matches(path);
      path.pop();
      add(frames.at(-1)!.object!, frame.name, alwaysArray ? [value] : value);
    }
  }
  return frames[0]!.object!;

  function frameValue(frame: Frame): XmlValue {
    const emptyArrays = arrays.childrenOf(path);
    if (frame.object === undefined && (emptyArrays.length === 0 || !isBlank(frame.text))) {
      return scalar(frame.text);
    }
    const object = frame.object ?? {};
    for (const name of emptyArrays)
      if (!Object.hasOwn(object, name)) setOwnProperty(object, name, []);
    return object;
  }

  function scalar(value: string): XmlValue {
    if (numbers.matches(path)) {
      const n = Number(value);
      if (!DECIMAL.test(value) || (Number.isInteger(n) && !Number.isSafeInteger(n))) {
        return fail(`"${value}" is not a number`);
      }
      return n;
    }
    if (bigints.matches(path)) {
      if (!INTEGER.test(value)) return fail(`"${value}" is not an integer`);
      return BigInt(value);
    }
    return value;
  }

  function fail(message: string): never {
    throw new OneKitError('XML_DOCUMENT', message, {
      ...tok.locate(tok.start),
      field: path.join('/'),
    });
  }
}

/**
 * Adds a child value (an array when `value` is one: element values never are, so an
 * array always means "this name repeats or is declared as a list").
 */
function add(object: XmlObject, name: string, value: XmlValue): void {
  const existing = Object.hasOwn(object, name) ? object[name] : undefined;
  if (existing === undefined) {
    setOwnProperty(object, name, value);
  } else if (Array.isArray(existing)) {
    existing.push(...(Array.isArray(value) ? value : [value]));
  } else {
    setOwnProperty(object, name, [existing, value]);
  }
}

/** Path patterns, looked up by their last name so each element checks only a few. */
class PathSet {
  private readonly byLast = new Map<string, string[][]>();
  private readonly byParent = new Map<string, string[][]>();

  constructor(patterns: readonly string[] = []) {
    for (const pattern of patterns) {
      const parts = pattern.split('/').filter((p) => p !== '');
      if (parts.length === 0) continue;
      push(this.byLast, parts.at(-1)!, parts);
      if (parts.length > 1) push(this.byParent, parts.at(-2)!, parts);
    }
  }

  /** Whether the element at the end of `path` is named by a pattern. */
  matches(path: readonly string[]): boolean {
    const list = this.byLast.get(path.at(-1)!);
    return list !== undefined && list.some((parts) => endsWith(path, parts, 0));
  }

  /** Names of array children that patterns declare for the element at the end of `path`. */
  childrenOf(path: readonly string[]): string[] {
    const name = path.at(-1);
    if (name === undefined) return [];
    const found: string[] = [];
    for (const parts of this.byParent.get(name) ?? []) {
      if (endsWith(path, parts, 1)) found.push(parts.at(-1)!);
    }
    return found;
  }
}

/** Whether `path` ends with `parts` minus its last `skip` names. */
function endsWith(path: readonly string[], parts: readonly string[], skip: number): boolean {
  const count = parts.length - skip;
  if (count > path.length) return false;
  for (let i = 1; i <= count; i++) if (path[path.length - i] !== parts[count - i]) return false;
  return true;
}

function push(map: Map<string, string[][]>, key: string, value: string[]): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
