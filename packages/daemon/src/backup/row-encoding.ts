// Row lines written straight into a backup's chunk buffer: the bytes rowLine() would give,
// without building the line as a string first. Text values are written as UTF-8 at once and
// then looked over, four bytes at a time, for what JSON escapes; only text that has some
// goes through JSON.stringify. A backup is mostly text that has none, and this look costs
// a third of what a regular expression over the string did.
import type { ColumnValue, TableDef } from '../storage/index.js';
import { valueJson } from './backup-format.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const NEWLINE = 0x0a;
/** Below this many bytes a look byte by byte costs less than setting up the words. */
const WORDS_FROM_BYTES = 64;

declare global {
  interface String {
    /** Whether the string has no lone surrogate (Node 20 has it; TypeScript's ES2023 lib does not). */
    isWellFormed(): boolean;
  }
}

/** Whether a byte is one JSON escapes in a string: a control character, a quote or a backslash. */
const escaped = (byte: number) => byte < 0x20 || byte === QUOTE || byte === BACKSLASH;

/**
 * Whether any of bytes[from, to) is one JSON escapes. The middle goes a 32-bit word at a
 * time: a word has a byte below 0x20 when (w - 0x20202020) & ~w & 0x80808080, and a byte
 * equal to c when the word XOR c repeated has a zero byte.
 */
export function needsEscape(bytes: Buffer, from: number, to: number): boolean {
  let i = from;
  if (to - from < WORDS_FROM_BYTES) {
    for (; i < to; i++) if (escaped(bytes[i]!)) return true;
    return false;
  }
  const wordsFrom = (bytes.byteOffset + i + 3) & ~3;
  for (; i < to && bytes.byteOffset + i < wordsFrom; i++) if (escaped(bytes[i]!)) return true;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (to - i) >> 2);
  for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    const quote = word ^ 0x22222222;
    const backslash = word ^ 0x5c5c5c5c;
    const found =
      ((word - 0x20202020) & ~word) |
      ((quote - 0x01010101) & ~quote) |
      ((backslash - 0x01010101) & ~backslash);
    if (found & 0x80808080) return true;
  }
  for (i += words.length << 2; i < to; i++) if (escaped(bytes[i]!)) return true;
  return false;
}

/**
 * Writes `text` as a JSON string at `at`; returns where it ends, or -1 when it does not
 * fit before `end`.
 */
function encodeText(into: Buffer, at: number, end: number, text: string): number {
  // UTF-8 takes at most 3 bytes a UTF-16 unit; JSON's escapes at most 6.
  if (at + text.length * 3 + 2 <= end && text.isWellFormed()) {
    into[at] = QUOTE;
    const stop = at + 1 + into.write(text, at + 1);
    if (!needsEscape(into, at + 1, stop)) {
      into[stop] = QUOTE;
      return stop + 1;
    }
  }
  const json = JSON.stringify(text);
  if (at + json.length * 3 > end) return -1;
  return at + into.write(json, at);
}

/**
 * Writes the row line of `values` and its newline into `into` at `at`, as rowLine() would;
 * returns where it ends, or -1 when it does not fit (nothing past `at` is then meaningful).
 * Throws DB_BACKUP, as rowLine() does, for a value JSON cannot carry.
 */
export function encodeRow(
  into: Buffer,
  at: number,
  table: TableDef,
  values: readonly ColumnValue[],
): number {
  const end = into.length;
  if (at + 2 > end) return -1;
  into[at++] = OPEN;
  for (let i = 0; i < values.length; i++) {
    if (i > 0) {
      if (at >= end) return -1;
      into[at++] = COMMA;
    }
    const value = values[i]!;
    if (typeof value === 'string') {
      at = encodeText(into, at, end, value);
    } else {
      const json = valueJson(table, i, value);
      at = at + json.length <= end ? at + into.write(json, at, 'latin1') : -1;
    }
    if (at < 0) return -1;
  }
  if (at + 2 > end) return -1;
  into[at++] = CLOSE;
  into[at++] = NEWLINE;
  return at;
}
