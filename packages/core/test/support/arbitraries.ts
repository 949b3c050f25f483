// fast-check generators shared by the XML and XML-RPC tests.
import fc from 'fast-check';

/** Characters XML can carry, weighted towards the ones that need care. */
const xmlChar = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '<',
      '>',
      '&',
      ']',
      ']]>',
      '"',
      "'",
      '\r',
      '\n',
      '\t',
      ' ',
      '&amp;',
      '<![CDATA[',
    ),
  },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3 }) },
  {
    weight: 2,
    arbitrary: fc
      .string({ unit: 'binary', minLength: 1, maxLength: 2 })
      .filter((s) => !/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(s)),
  },
);

/** Any text XML can carry, including "]]>", CR, astral characters and markup look-alikes. */
export function xmlText(maxLength = 12): fc.Arbitrary<string> {
  return fc.array(xmlChar, { maxLength }).map((parts) => parts.join(''));
}
