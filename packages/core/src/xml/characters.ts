// XML 1.0 (fifth edition) characters and names, for every reader and writer here.

// XML allows tab, line feed, carriage return and everything from U+0020 except
// surrogates and U+FFFE/U+FFFF. With the `u` flag a lone surrogate is one code point
// outside the allowed ranges, so this one pattern also catches broken UTF-16.
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

// NameStartChar and NameChar beyond ASCII; ASCII names are checked by code (the common case).
const NAME_START =
  ':A-Z_a-z\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2FF}\\u{370}-\\u{37D}\\u{37F}-\\u{1FFF}' +
  '\\u{200C}-\\u{200D}\\u{2070}-\\u{218F}\\u{2C00}-\\u{2FEF}\\u{3001}-\\u{D7FF}\\u{F900}-\\u{FDCF}' +
  '\\u{FDF0}-\\u{FFFD}\\u{10000}-\\u{EFFFF}';
const NAME_REST = `${NAME_START}\\-.0-9\\u{B7}\\u{300}-\\u{36F}\\u{203F}-\\u{2040}`;
const NAME_START_CHAR = new RegExp(`^[${NAME_START}]$`, 'u');
// eslint-disable-next-line no-misleading-character-class -- one code point is tested at a time
const NAME_CHAR = new RegExp(`^[${NAME_REST}]$`, 'u');

/** Index of the first character XML cannot carry, or -1 when there is none. */
export function invalidXmlCharIndex(text: string): number {
  const match = NOT_XML_CHAR.exec(text);
  return match === null ? -1 : match.index;
}

/** The first character XML cannot carry, as `U+XXXX` for messages, or undefined. */
export function invalidXmlCharName(text: string): string | undefined {
  const bad = invalidXmlCharIndex(text);
  if (bad < 0) return undefined;
  return `U+${text.codePointAt(bad)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Whether a code point (from a character reference) is one XML can carry. */
export function isXmlCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** XML white space: space, tab, line feed, carriage return. */
export function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Whether `text` holds nothing but XML white space. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isXmlSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Whether `name` is an XML Name (an element or attribute name). */
export function isXmlName(name: string): boolean {
  return name !== '' && xmlNameEnd(name, 0) === name.length;
}

/** Where the XML Name starting at `from` ends; `from` itself when no name starts there. */
export function xmlNameEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (!(isAsciiNameStart(c) || (i > from && isAsciiNameRest(c)))) break;
      i++;
    } else {
      const char = String.fromCodePoint(text.codePointAt(i)!);
      if (!(i === from ? NAME_START_CHAR : NAME_CHAR).test(char)) break;
      i += char.length;
    }
  }
  return i;
}

function isAsciiNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
}

function isAsciiNameRest(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}
