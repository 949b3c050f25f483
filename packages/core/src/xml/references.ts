// Character data as XML defines it: line ends normalized first, then the five
// predefined entities and character references replaced. There is no DTD, so any
// other entity is an error. Every reference is at most a few characters long, so a
// stray `&` is refused at once instead of searching the rest of the input.
import { isXmlCodePoint } from './characters.js';

/** Reports a failure at offsets of the whole input (`end` exclusive, when known); never returns. */
export type FailAt = (message: string, start: number, end?: number) => never;

const PREDEFINED_ENTITIES = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

const HEX_DIGITS = /^[0-9A-Fa-f]+$/;
const DECIMAL_DIGITS = /^[0-9]+$/;

/** Longest entity reference body we look at: `#x10FFFF` and `#1114111` fit. */
const MAX_REFERENCE_LENGTH = 10;

/** XML turns CR LF and lone CR into LF before anything else reads the text. */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Decodes `raw`, which starts at `offset` in the input (for error positions). */
export function decodeReferences(raw: string, offset: number, fail: FailAt): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return normalizeNewlines(raw);
  const hasCarriageReturn = raw.includes('\r');
  let out = '';
  let last = 0;
  while (amp >= 0) {
    const plain = raw.slice(last, amp);
    out += hasCarriageReturn ? normalizeNewlines(plain) : plain;
    const semi = raw.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp - 1 > MAX_REFERENCE_LENGTH) {
      fail('"&" does not start a reference', offset + amp);
    }
    out += resolveReference(raw, amp + 1, semi, offset + amp, fail);
    last = semi + 1;
    amp = raw.indexOf('&', last);
  }
  const tail = raw.slice(last);
  return out + (hasCarriageReturn ? normalizeNewlines(tail) : tail);
}

/** The reference in raw[from, to), between `&` and `;`; escaped markup is the common case. */
function resolveReference(raw: string, from: number, to: number, at: number, fail: FailAt): string {
  const first = raw.charCodeAt(from);
  if (to - from === 2 && raw.charCodeAt(from + 1) === 0x74) {
    if (first === 0x6c) return '<';
    if (first === 0x67) return '>';
  }
  const ref = raw.slice(from, to);
  // Errors cover the whole reference, from `&` to `;`.
  const end = at + ref.length + 2;
  const predefined = PREDEFINED_ENTITIES.get(ref);
  if (predefined !== undefined) return predefined;
  if (first !== 0x23) fail(`unknown entity &${ref};`, at, end);
  const hex = ref.charCodeAt(1) === 0x78;
  const digits = ref.slice(hex ? 2 : 1);
  if (!(hex ? HEX_DIGITS : DECIMAL_DIGITS).test(digits)) {
    fail(`malformed character reference &${ref};`, at, end);
  }
  const cp = Number.parseInt(digits, hex ? 16 : 10);
  if (!isXmlCodePoint(cp)) {
    fail(`character reference &${ref}; is not an XML character`, at, end);
  }
  return String.fromCodePoint(cp);
}
