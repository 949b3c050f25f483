import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  Template,
  parseTemplate,
  parseTemplateOrXml,
  printCli,
  printXml,
  templateEquals,
  templateFromXml,
} from '../../src/template/index.js';
import { canonicalName, templateOf, value } from './arbitraries.js';
import { shape } from './shape.js';

/** deepEqual first, for a readable diff; then the library's own comparison must agree. */
function assertSame(actual: Template, expected: Template): void {
  assert.deepEqual(shape(actual), shape(expected));
  assert.ok(templateEquals(actual, expected));
}

describe('template/round-trip', () => {
  it('parseTemplate(printCli(t)) equals t', () => {
    const names = fc.oneof(canonicalName, fc.constantFrom('XMLRPC', 'XML_A'));
    fc.assert(
      fc.property(templateOf(names), (t) => assertSame(parseTemplate(printCli(t)), t)),
      { numRuns: 500 },
    );
  });

  it('templateFromXml(printXml(t)) equals t, whatever the root', () => {
    const root = fc.constantFrom(undefined, 'TEMPLATE', 'USER_TEMPLATE', 'x-y.z');
    fc.assert(
      fc.property(templateOf(), root, (t, rootName) => {
        const xml = printXml(t, rootName === undefined ? {} : { root: rootName });
        assertSame(templateFromXml(xml), t);
        assertSame(parseTemplateOrXml(xml), t);
      }),
      { numRuns: 500 },
    );
  });

  it('carries in XML the values the CLI form refuses', () => {
    const refused = fc.oneof(
      value.map((v) => `${v}\\`),
      fc.tuple(value, value).map(([a, b]) => `${a}]]>${b}`),
    );
    fc.assert(
      fc.property(refused, (v) => {
        const t = new Template().addSingle('A', v).addVector('V', { K: v });
        assert.throws(() => printCli(t), { code: 'TEMPLATE_UNPRINTABLE' });
        assertSame(templateFromXml(printXml(t)), t);
      }),
      { numRuns: 200 },
    );
  });
});
