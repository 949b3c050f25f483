import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTemplate } from '@onekit/core';
import { templateLayout } from '../../../src/serversync/index.js';
import { confModel, renderConf } from './arbitraries.js';

/** Line and column (1-based) of an offset, as the parser reports positions. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}

describe('serversync/oned-conf/template-layout', () => {
  it('finds attributes, vectors, pairs and commas with their offsets', () => {
    const text = [
      '# head',
      'PORT = 2633 # port',
      'federation = [',
      '  MODE = "MASTER", # the mode',
      '  zone_id=0',
      ']',
      'EMPTY =',
      'V=[]',
      '',
    ].join('\n');
    const layout = templateLayout(text);
    const spans = layout.attributes.map((a) => [a.name, a.kind, text.slice(a.start, a.end)]);
    assert.deepEqual(spans, [
      ['PORT', 'single', 'PORT = 2633'],
      ['FEDERATION', 'vector', 'federation = [\n  MODE = "MASTER", # the mode\n  zone_id=0\n]'],
      ['EMPTY', 'single', 'EMPTY ='],
      ['V', 'vector', 'V=[]'],
    ]);
    const fed = layout.attributes[1]!;
    assert.deepEqual(
      fed.pairs.map((p) => [p.key, text.slice(p.start, p.end), p.comma && text[p.comma]]),
      [
        ['MODE', 'MODE = "MASTER"', ','],
        ['ZONE_ID', 'zone_id=0', undefined],
      ],
    );
    assert.equal(text[fed.open!], '[');
    assert.equal(text[fed.close!], ']');
  });

  it('scans values as the lexer does: longest match, quotes ending at the last one', () => {
    const text = 'A = "ab"cd\nB = "x\ny"\nC = "a \\"\n';
    const spans = templateLayout(text).attributes.map((a) => text.slice(a.start, a.end));
    // `"ab"cd` is one unquoted value; a quote never closed runs to the last `"` of the text.
    assert.deepEqual(spans, ['A = "ab"cd', 'B = "x\ny"', 'C = "a \\"']);
  });

  it('reports a syntax error as core does, naming the file and line', () => {
    assert.throws(() => templateLayout('A = [ B = 1,\n]\n', { file: 'oned.conf' }), {
      code: 'TEMPLATE_SYNTAX',
      where: { file: 'oned.conf', line: 2, column: 1, endColumn: 1 },
    });
  });

  it('agrees with the parser on every name, key and position (property)', () => {
    fc.assert(
      fc.property(confModel, (model) => {
        const text = renderConf(model);
        const layout = templateLayout(text);
        const parsed = parseTemplate(text)
          .attributes.map((a) => ({
            at: `${a.at!.line}:${a.at!.column}`,
            name: a.name,
            keys:
              a.kind === 'vector'
                ? a.pairs.map((p) => `${p.key}@${p.at!.line}:${p.at!.column}`)
                : [],
          }))
          .sort((x, y) => x.at.localeCompare(y.at, 'en', { numeric: true }));
        const scanned = layout.attributes
          .map((a) => ({
            at: position(text, a.start),
            name: a.name,
            // The parser keeps the first pair of a key: compare the same.
            keys: a.pairs
              .filter((p, i) => a.pairs.findIndex((q) => q.key === p.key) === i)
              .map((p) => `${p.key}@${position(text, p.start)}`)
              .sort(),
          }))
          .sort((x, y) => x.at.localeCompare(y.at, 'en', { numeric: true }));
        assert.deepEqual(
          scanned,
          parsed.map((p) => ({ ...p, keys: [...p.keys].sort() })),
        );
      }),
      { numRuns: 300 },
    );
  });
});
