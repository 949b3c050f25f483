// fast-check generators of templates with canonical names and awkward values.
import fc from 'fast-check';
import { Template, attributeName } from '../../src/template/index.js';

/** Names that read back unchanged from text and from XML. */
export const canonicalName = fc.oneof(
  fc.constantFrom('A', 'DISK', 'NIC', 'ENDPOINT', '_X', 'ONE_1', 'ONE_XMLRPC', 'XM'),
  fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,6}$/).filter((name) => attributeName(name) === name),
);

/** Vector keys: upper case and valid XML element names. */
export const canonicalKey = fc.oneof(
  fc.constantFrom('ID', 'NAME', 'IMAGE', 'K', '_K', 'XMLK'),
  fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,5}$/),
);

const awkward = fc.constantFrom(
  '"',
  '\\',
  '\n',
  '\r',
  '\t',
  ' ',
  '#',
  '=',
  ',',
  '[',
  ']',
  ']]',
  '>',
  '<',
  '&',
  '\\"',
  'é',
  '中',
  '😀',
  'x',
  'A',
  '0',
  '&amp;',
  '<![CDATA[',
);

/** Values the CLI form can carry: no trailing backslash, no "]]>". */
export const value = fc
  .array(fc.oneof(awkward, fc.string({ maxLength: 3 })), { maxLength: 8 })
  .map((parts) => parts.join(''))
  .filter((v) => !v.endsWith('\\') && !v.includes(']]>'));

/** Templates with repeated names, empty values and empty vectors among the rest. */
export function templateOf(name: fc.Arbitrary<string> = canonicalName): fc.Arbitrary<Template> {
  const single = fc.record({ kind: fc.constant('single' as const), name, value });
  const vector = fc.record({
    kind: fc.constant('vector' as const),
    name,
    pairs: fc.array(fc.record({ key: canonicalKey, value }), { maxLength: 4 }),
  });
  return fc
    .array(fc.oneof(single, vector), { maxLength: 8 })
    .map((attributes) => attributes.reduce((t, a) => t.add(a), new Template()));
}
