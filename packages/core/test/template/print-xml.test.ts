import assert from 'node:assert/strict';
import { Template, printXml, templateFromXml, templateEquals } from '../../src/template/index.js';

describe('template/print-xml', () => {
  it('writes every value in CDATA and vector keys in order', () => {
    const t = new Template()
      .addSingle('NAME', 'a<b>&c')
      .addVector('SERVER', { NAME: 'fe1', ENDPOINT: 'http://h:2633/RPC2', ID: '0' })
      .addSingle('EMPTY', '')
      .addVector('NONE', {});
    assert.equal(
      printXml(t),
      '<TEMPLATE><EMPTY><![CDATA[]]></EMPTY><NAME><![CDATA[a<b>&c]]></NAME><NONE/>' +
        '<SERVER><ENDPOINT><![CDATA[http://h:2633/RPC2]]></ENDPOINT><ID><![CDATA[0]]></ID>' +
        '<NAME><![CDATA[fe1]]></NAME></SERVER></TEMPLATE>',
    );
  });

  it('takes the root element name as an option', () => {
    assert.equal(
      printXml(new Template(), { root: 'USER_TEMPLATE' }),
      '<USER_TEMPLATE></USER_TEMPLATE>',
    );
    assert.equal(
      printXml(new Template().addSingle('A', '1'), { root: 'T' }),
      '<T><A><![CDATA[1]]></A></T>',
    );
  });

  it('splits "]]>" across CDATA sections and writes a carriage return as a reference', () => {
    const t = new Template().addSingle('A', 'x]]>y').addSingle('B', 'a\r\nb');
    const xml = printXml(t);
    assert.equal(
      xml,
      '<TEMPLATE><A><![CDATA[x]]]]><![CDATA[>y]]></A>' +
        '<B><![CDATA[a]]>&#13;<![CDATA[\nb]]></B></TEMPLATE>',
    );
    assert.ok(templateEquals(templateFromXml(xml), t));
  });

  const unprintable: [string, Template, { root?: string }, string][] = [
    ['a control character', new Template().addSingle('A', 'x\u0001'), {}, 'A'],
    ['a lone surrogate', new Template().addVector('V', { K: '\uD800' }), {}, 'V/K'],
    ['U+FFFE', new Template().addSingle('A', '\uFFFE'), {}, 'A'],
    ['a name that is no element name', new Template().addSingle('1A', 'x'), {}, '1A'],
    ['a key that is no element name', new Template().addVector('V', { '1K': 'x' }), {}, 'V/1K'],
    ['a root that is no element name', new Template(), { root: 'a b' }, 'root'],
  ];
  for (const [what, template, options, field] of unprintable) {
    it(`refuses ${what}`, () => {
      assert.throws(() => printXml(template, options), {
        code: 'TEMPLATE_UNPRINTABLE',
        where: { field },
      });
    });
  }
});
