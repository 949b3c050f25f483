// XML 1.0 (fifth edition) names and characters, shared by the XML writer and reader.

const NAME_START =
  ':A-Z_a-z\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2FF}\\u{370}-\\u{37D}\\u{37F}-\\u{1FFF}' +
  '\\u{200C}-\\u{200D}\\u{2070}-\\u{218F}\\u{2C00}-\\u{2FEF}\\u{3001}-\\u{D7FF}\\u{F900}-\\u{FDCF}' +
  '\\u{FDF0}-\\u{FFFD}\\u{10000}-\\u{EFFFF}';
const NAME_REST = `${NAME_START}\\-.0-9\\u{B7}\\u{300}-\\u{36F}\\u{203F}-\\u{2040}`;
const NAME_SOURCE = `[${NAME_START}][${NAME_REST}]*`;

// eslint-disable-next-line no-misleading-character-class -- NameChar includes combining marks
const WHOLE_NAME = new RegExp(`^${NAME_SOURCE}$`, 'u');
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function isXmlName(name: string): boolean {
  return WHOLE_NAME.test(name);
}

/** A sticky pattern matching one name at `lastIndex`. */
export function xmlNamePattern(): RegExp {
  // eslint-disable-next-line no-misleading-character-class -- NameChar includes combining marks
  return new RegExp(NAME_SOURCE, 'uy');
}

/** Offset of the first character XML cannot carry (controls, lone surrogates, U+FFFE/F), or -1. */
export function firstNonXmlChar(text: string): number {
  return text.search(NOT_XML_CHAR);
}
