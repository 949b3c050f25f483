import assert from 'node:assert/strict';
import { cdataElement, element, rawXml, renderXml, vectorElement } from '../../src/xml/writer.js';

function rejects(fn: () => unknown, field: string) {
  assert.throws(fn, (err: unknown) => {
    assert.equal((err as { code: string }).code, 'XML_DOCUMENT');
    assert.deepEqual((err as { where: unknown }).where, { field });
    return true;
  });
}

describe('xml/writer', () => {
  it('writes nested elements, numbers as plain text and text escaped', () => {
    const xml = renderXml(
      element('USER', [
        element('ID', 3),
        element('NAME', 'a<b>&c'),
        element('BIG', 18446744073709551615n),
        element('EMPTY', ''),
        element('GROUPS', [element('ID', 0), element('ID', 1)]),
        element('NONE', []),
      ]),
    );
    assert.equal(
      xml,
      '<USER><ID>3</ID><NAME>a&lt;b&gt;&amp;c</NAME><BIG>18446744073709551615</BIG>' +
        '<EMPTY></EMPTY><GROUPS><ID>0</ID><ID>1</ID></GROUPS><NONE/></USER>',
    );
  });

  it('wraps template values in CDATA and sorts vector sub-elements by name', () => {
    assert.equal(
      renderXml(
        vectorElement('SERVER', { NAME: 'fe]]>1', ID: 0, ENDPOINT: 'http://a', _X: 'x', A_B: 'y' }),
      ),
      '<SERVER><A_B><![CDATA[y]]></A_B><ENDPOINT><![CDATA[http://a]]></ENDPOINT><ID><![CDATA[0]]></ID>' +
        '<NAME><![CDATA[fe]]]]><![CDATA[>1]]></NAME><_X><![CDATA[x]]></_X></SERVER>',
    );
    assert.equal(renderXml(cdataElement('ENDPOINT', '')), '<ENDPOINT><![CDATA[]]></ENDPOINT>');
    assert.equal(renderXml(vectorElement('TEMPLATE', {})), '<TEMPLATE/>');
  });

  it('inserts raw fragments verbatim', () => {
    assert.equal(
      renderXml(
        element('VM', [element('ID', 1), rawXml('<TEMPLATE><A><![CDATA[1]]></A></TEMPLATE>')]),
      ),
      '<VM><ID>1</ID><TEMPLATE><A><![CDATA[1]]></A></TEMPLATE></VM>',
    );
    assert.equal(renderXml(element('BODY', rawXml('<X/>'))), '<BODY><X/></BODY>');
  });

  it('refuses what it cannot write well formed, naming the element', () => {
    rejects(() => renderXml(element('1BAD', 1)), '1BAD');
    rejects(() => renderXml(element('A B', 1)), 'A B');
    rejects(() => renderXml(element('NAME', 'nul\u0000')), 'NAME');
    rejects(() => renderXml(cdataElement('VALUE', 'x\uD800')), 'VALUE');
    rejects(() => renderXml(element('CPU', Number.NaN)), 'CPU');
    rejects(() => cdataElement('CPU', Infinity), 'CPU');
  });
});
