import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  invalidXmlCharIndex,
  invalidXmlCharName,
  isXmlName,
  xmlNameEnd,
} from '../../src/xml/characters.js';

describe('xml/characters', () => {
  it('tells XML names from other text', () => {
    for (const name of ['A', '_x', ':a', 'a-1.b', 'é', 'a·', 'x\u0301', '中文', '\u{10000}a']) {
      assert.ok(isXmlName(name), name);
    }
    for (const name of ['', '1a', '-a', '.a', '·a', '\u0301', 'a b', 'a×', 'a\u2000', 'a>']) {
      assert.ok(!isXmlName(name), name);
    }
  });

  it('finds where a name ends inside a text', () => {
    assert.equal(xmlNameEnd('<ab-c d', 1), 5);
    assert.equal(xmlNameEnd('<é·x>', 1), 4);
    assert.equal(xmlNameEnd('<\u{10000}b/>', 1), 4);
    assert.equal(xmlNameEnd('< a', 1), 1);
    assert.equal(xmlNameEnd('<', 1), 1);
  });

  it('agrees with the XML grammar on every ASCII name', () => {
    const nameStart = /^[A-Za-z_:][A-Za-z0-9_:.-]*$/;
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 6 }), (text) => {
        assert.equal(isXmlName(text), nameStart.test(text), JSON.stringify(text));
      }),
    );
  });

  it('finds the first character XML cannot carry', () => {
    assert.equal(invalidXmlCharIndex('a\tb\r\n'), -1);
    assert.equal(invalidXmlCharIndex('ab\u0001'), 2);
    assert.equal(invalidXmlCharIndex('a\uD800b'), 1);
    assert.equal(invalidXmlCharIndex('\uFFFE'), 0);
    assert.equal(invalidXmlCharIndex('😀'), -1);
  });

  it('names that character for messages', () => {
    assert.equal(invalidXmlCharName('ok 😀'), undefined);
    assert.equal(invalidXmlCharName('a\u0001'), 'U+0001');
    assert.equal(invalidXmlCharName('\uDFFF'), 'U+DFFF');
    assert.equal(invalidXmlCharName('\u{FFFFE}'), undefined);
    assert.equal(invalidXmlCharName('\uFFFF'), 'U+FFFF');
  });
});
