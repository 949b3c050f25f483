// The XML declaration, `<?xml version="1.x" encoding="…" standalone="…"?>`: checked, then
// passed over. Only UTF-8 may be declared, since that is the only encoding read.
import { isXmlSpace } from './characters.js';
import type { FailAt } from './references.js';

/** Longest XML declaration accepted; real ones are about 40 characters. */
const MAX_DECLARATION_LENGTH = 200;

/** version, then optional encoding and standalone, in that order (XML 1.0 §2.8). */
const DECLARATION =
  /^\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\4)?\s*$/;

const UTF8_NAMES = new Set(['utf-8', 'utf8', 'us-ascii']);

/** Whether an XML declaration starts at `offset` (a `<?xml-…` instruction is none). */
export function isDeclarationAt(input: string, offset: number): boolean {
  return input.startsWith('<?xml', offset) && isXmlSpace(input.charCodeAt(offset + 5));
}

/** Checks the declaration that starts at `start` and returns the offset just past it. */
export function declarationEnd(input: string, start: number, fail: FailAt): number {
  const end = input.indexOf('?>', start + 5);
  if (end < 0 || end - start > MAX_DECLARATION_LENGTH) {
    fail('unterminated XML declaration', start);
  }
  const match = DECLARATION.exec(input.slice(start + 5, end));
  if (match === null) fail('malformed XML declaration', start);
  const encoding = match[3];
  if (encoding !== undefined && !UTF8_NAMES.has(encoding.toLowerCase())) {
    fail(`unsupported encoding ${encoding}: only UTF-8 is accepted`, start);
  }
  return end + 2;
}
