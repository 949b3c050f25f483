import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cdata, escapeText, escapeXml } from '../../src/xml/escape.js';
import { readXmlDocument } from '../../src/xml/reader.js';
import { xmlText } from '../support/arbitraries.js';

const readBack = (inner: string) => readXmlDocument(`<A>${inner}</A>`).A;

describe('xml/escape', () => {
  it('escapes markup characters for content and attributes', () => {
    assert.equal(escapeXml(`a<b>&"c'`), 'a&lt;b&gt;&amp;&quot;c&apos;');
  });

  it('escapes content so that carriage returns survive', () => {
    assert.equal(escapeText('a<b>&c\r\n'), 'a&lt;b&gt;&amp;c&#13;\n');
    assert.equal(escapeText('plain "quotes"'), 'plain "quotes"');
  });

  it('splits "]]>" across CDATA sections', () => {
    assert.equal(cdata('a]]>b'), '<![CDATA[a]]]]><![CDATA[>b]]>');
  });

  it('reads back exactly what escapeText and cdata wrote', () => {
    fc.assert(
      fc.property(xmlText(), (text) => {
        assert.equal(readBack(escapeText(text)), text);
        assert.equal(readBack(escapeXml(text)), text.replace(/\r\n?/g, '\n'));
        assert.equal(readBack(cdata(text)), text.replace(/\r\n?/g, '\n'));
      }),
    );
  });
});
