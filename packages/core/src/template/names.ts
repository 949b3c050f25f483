// oned's naming rules. Upper-casing is ASCII only, as C's toupper in the C locale.

const LOWER_ASCII = /[a-z]+/g;

export function upperAscii(spelling: string): string {
  return spelling.replace(LOWER_ASCII, (s) => s.toUpperCase());
}

/**
 * The stored name of an attribute written as `spelling`: upper-cased, and prefixed with
 * `ONE_` when it does not start with an ASCII letter or `_`, or when its original spelling
 * starts with upper-case `XML` (oned keeps every name a usable XML element name).
 */
export function attributeName(spelling: string): string {
  const upper = upperAscii(spelling);
  const first = spelling.charCodeAt(0);
  const startsWell =
    (first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a) || first === 0x5f;
  return spelling.length > 0 && (!startsWell || spelling.startsWith('XML'))
    ? `ONE_${upper}`
    : upper;
}

/** The stored key of a vector pair: oned only upper-cases it (no `ONE_` prefix). */
export function vectorKeyName(spelling: string): string {
  return upperAscii(spelling);
}
