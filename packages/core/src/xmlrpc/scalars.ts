// Text forms of XML-RPC scalars. Parsers return undefined for text that is not a value
// of the type (the decoder turns that into an error with the position); every parser is
// a single forward scan or a bounded, anchored pattern.
import { isXmlSpace } from '../xml/characters.js';
import { I8_MAX, I8_MIN, INT_MAX, INT_MIN } from './values.js';

/** Longest dateTime text looked at; real ones are 17 to 35 characters. */
const MAX_DATETIME_LENGTH = 64;

const DATETIME =
  /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Senders may surround scalars with white space (and often break base64 into lines). */
function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isXmlSpace(text.charCodeAt(start))) start++;
  while (end > start && isXmlSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Optional sign, then one or more ASCII digits; returns the index of the first digit or -1. */
function integerDigitsStart(text: string): number {
  const first = text.charCodeAt(0);
  const start = first === 0x2b || first === 0x2d ? 1 : 0;
  if (start >= text.length) return -1;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
  }
  return start;
}

export function parseInt32(raw: string): number | undefined {
  const text = trimSpace(raw);
  if (integerDigitsStart(text) < 0) return undefined;
  const value = Number(text);
  return value >= INT_MIN && value <= INT_MAX ? value : undefined;
}

export function parseInt64(raw: string): bigint | undefined {
  const text = trimSpace(raw);
  const start = integerDigitsStart(text);
  if (start < 0) return undefined;
  let significant = start;
  while (significant < text.length - 1 && text.charCodeAt(significant) === 0x30) significant++;
  // 20 digits hold UINT64_MAX; checking first keeps BigInt from parsing huge strings.
  if (text.length - significant > 20) return undefined;
  const value = BigInt(text[0] === '-' ? '-' + text.slice(significant) : text.slice(significant));
  return value >= I8_MIN && value <= I8_MAX ? value : undefined;
}

export function parseBoolean(raw: string): boolean | undefined {
  const text = trimSpace(raw);
  return text === '1' ? true : text === '0' ? false : undefined;
}

/** Decimal numbers, with an optional exponent (Python and others send `1e+100`). */
export function parseDouble(raw: string): number | undefined {
  const text = trimSpace(raw);
  let i = text.charCodeAt(0) === 0x2b || text.charCodeAt(0) === 0x2d ? 1 : 0;
  let digits = 0;
  let dot = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && !dot) dot = true;
    else break;
  }
  if (digits === 0) return undefined;
  if (i < text.length) {
    const e = text.charCodeAt(i);
    if (e !== 0x65 && e !== 0x45) return undefined;
    i++;
    if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d) i++;
    if (i >= text.length) return undefined;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) return undefined;
    }
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * `YYYYMMDDTHH:MM:SS` (the XML-RPC form) or `YYYY-MM-DDTHH:MM:SS`, with optional fraction
 * and zone offset. Without an offset the time is taken as UTC.
 */
export function parseDateTime(raw: string): Date | undefined {
  const text = trimSpace(raw);
  if (text.length > MAX_DATETIME_LENGTH) return undefined;
  const m = DATETIME.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  // setUTCFullYear, unlike Date.UTC, does not move years 0-99 to the 1900s.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    date.getUTCHours() !== hour ||
    date.getUTCMinutes() !== minute ||
    date.getUTCSeconds() !== second
  ) {
    return undefined;
  }
  const zone = m[8];
  if (zone === undefined || zone === 'Z') return date;
  const sign = zone[0] === '-' ? -1 : 1;
  const offsetHours = Number(zone.slice(1, 3));
  const offsetMinutes = Number(zone.slice(-2));
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  return new Date(date.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

export function parseBase64(raw: string): Buffer | undefined {
  const text = raw.replace(/[\t\n\r ]+/g, '');
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

/**
 * Plain decimal, never an exponent: the XML-RPC specification has none and some
 * servers refuse it. The digits are JavaScript's shortest round-trip digits, so
 * parsing the text gives back the same number.
 */
export function formatDouble(value: number): string {
  if (Object.is(value, -0)) return '-0';
  const text = String(value);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text[0] === '-';
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  let plain: string;
  if (point <= 0) plain = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = digits.slice(0, point) + '.' + digits.slice(point);
  return negative ? '-' + plain : plain;
}

/**
 * The XML-RPC form in UTC, `YYYYMMDDTHH:MM:SS`, with milliseconds only when there are
 * some (Python's client refuses fractions). Undefined for years outside 0-9999.
 */
export function formatDateTime(date: Date): string | undefined {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  const text =
    String(year).padStart(4, '0') +
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    'T' +
    two(date.getUTCHours()) +
    ':' +
    two(date.getUTCMinutes()) +
    ':' +
    two(date.getUTCSeconds());
  const ms = date.getUTCMilliseconds();
  return ms === 0 ? text : `${text}.${String(ms).padStart(3, '0')}`;
}
