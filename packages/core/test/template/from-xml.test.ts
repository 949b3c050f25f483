import assert from 'node:assert/strict';
import { OneKitError } from '../../src/errors/index.js';
import { parseTemplateOrXml, templateFromXml } from '../../src/template/index.js';
import { shape } from './shape.js';

const read = (xml: string) => shape(templateFromXml(xml));

function failure(xml: string) {
  try {
    templateFromXml(xml);
  } catch (err) {
    assert.ok(err instanceof OneKitError, `not a OneKitError: ${String(err)}`);
    assert.equal(err.code, 'TEMPLATE_SYNTAX');
    return err.where;
  }
  assert.fail(`read without error: ${JSON.stringify(xml)}`);
}

describe('template/from-xml', () => {
  it('reads the document oned writes', () => {
    const xml =
      '<TEMPLATE><ENDPOINT><![CDATA[http://h:2633/RPC2]]></ENDPOINT>' +
      '<SERVER><ID><![CDATA[0]]></ID><NAME><![CDATA[fe1]]></NAME></SERVER></TEMPLATE>';
    assert.deepEqual(read(xml), [
      ['ENDPOINT', 'http://h:2633/RPC2'],
      [
        'SERVER',
        [
          ['ID', '0'],
          ['NAME', 'fe1'],
        ],
      ],
    ]);
  });

  it('tells an empty vector from an empty single value', () => {
    assert.deepEqual(read('<T><V/><W></W><S><![CDATA[]]></S><B> </B></T>'), [
      ['B', ' '],
      ['S', ''],
      ['V', []],
      ['W', []],
    ]);
  });

  it('ignores layout, comments, processing instructions and attributes', () => {
    const xml = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<!-- a zone -->
<ZONE_TEMPLATE id='1' kind="x &amp; y" note="]]>">
  <NAME>zone <!-- inline --> a</NAME>
  <SERVER>
    <!-- first -->
    <ID>0</ID>
    <?app data?>
  </SERVER>
</ZONE_TEMPLATE>
<!-- after -->
`;
    assert.deepEqual(read(xml), [
      ['NAME', 'zone  a'],
      ['SERVER', [['ID', '0']]],
    ]);
  });

  it('applies oned’s naming rules to attributes, not to vector keys', () => {
    assert.deepEqual(read('<T><name>a</name><XMLRPC>b</XMLRPC><v><key>c</key></v></T>'), [
      ['NAME', 'a'],
      ['ONE_XMLRPC', 'b'],
      ['V', [['key', 'c']]],
    ]);
  });

  it('reads an empty key element as an empty value and keeps the last repeated key', () => {
    assert.deepEqual(read('<T><V><A/><B>1</B><B>2</B></V></T>'), [
      [
        'V',
        [
          ['A', ''],
          ['B', '2'],
        ],
      ],
    ]);
  });

  it('decodes references, joins text and CDATA and normalizes line ends', () => {
    assert.deepEqual(
      read('<T><A>&lt;&gt;&amp;&quot;&apos;&#65;&#x1F600;</A><B>x<![CDATA[&y]]>z</B></T>'),
      [
        ['A', `<>&"'A😀`],
        ['B', 'x&yz'],
      ],
    );
    assert.deepEqual(read('<T><A>1\r\n2\r3</A><B><![CDATA[x\r\ny]]>&#13;</B></T>'), [
      ['A', '1\n2\n3'],
      ['B', 'x\ny\r'],
    ]);
  });

  it('records where each attribute and key element was written', () => {
    const t = templateFromXml('<T>\n  <A>1</A>\n  <V><K>2</K></V>\n</T>');
    assert.deepEqual(t.get('A') && t.attributes[0]!.at, { line: 2, column: 4 });
    assert.deepEqual(t.getVector('V')!.pairs[0]!.at, { line: 3, column: 7 });
  });

  // Positions are those of the shared XML tokenizer: an element left open is reported
  // where the text ends, and a "--" inside a comment where the "--" stands.
  const cases: [string, string, { line: number; column: number; endColumn: number }][] = [
    ['an element not closed', '<T><A>1</A>', { line: 1, column: 12, endColumn: 12 }],
    ['a mismatched end tag', '<T><A>1</B></T>', { line: 1, column: 8, endColumn: 10 }],
    [
      'an element nested too deep',
      '<T><V><K><X/></K></V></T>',
      { line: 1, column: 10, endColumn: 10 },
    ],
    ['text beside key elements', '<T><V>x<K>1</K></V></T>', { line: 1, column: 7, endColumn: 7 }],
    ['text beside attributes', '<T>\n  stray <A>1</A></T>', { line: 1, column: 4, endColumn: 4 }],
    ['a second root', '<T/><U/>', { line: 1, column: 5, endColumn: 5 }],
    ['text after the root', '<T/>x', { line: 1, column: 5, endColumn: 5 }],
    ['no root at all', '<!-- nothing -->', { line: 1, column: 17, endColumn: 17 }],
    ['a DOCTYPE', '<!DOCTYPE T [<!ENTITY x "y">]><T/>', { line: 1, column: 1, endColumn: 9 }],
    ['an unknown entity', '<T><A>&nbsp;</A></T>', { line: 1, column: 7, endColumn: 12 }],
    ['an ampersand on its own', '<T><A>a & b</A></T>', { line: 1, column: 9, endColumn: 9 }],
    [
      'a reference to a character XML cannot carry',
      '<T><A>&#0;</A></T>',
      { line: 1, column: 7, endColumn: 10 },
    ],
    ['"]]>" in text', '<T><A>a]]>b</A></T>', { line: 1, column: 8, endColumn: 10 }],
    ['a control character', '<T><A>\u0001</A></T>', { line: 1, column: 7, endColumn: 7 }],
    ['an unclosed CDATA section', '<T><A><![CDATA[x</A></T>', { line: 1, column: 7, endColumn: 7 }],
    ['an unclosed comment', '<T><!-- x </T>', { line: 1, column: 4, endColumn: 4 }],
    ['"--" in a comment', '<T><!-- a -- b --></T>', { line: 1, column: 11, endColumn: 12 }],
    ['a repeated attribute', '<T a="1" a="2"/>', { line: 1, column: 10, endColumn: 10 }],
    ['an attribute without quotes', '<T a=1/>', { line: 1, column: 6, endColumn: 6 }],
    ['"<" in an attribute value', '<T a="<"/>', { line: 1, column: 7, endColumn: 7 }],
    [
      'a late XML declaration',
      '<T><?xml version="1.0"?></T>',
      { line: 1, column: 4, endColumn: 8 },
    ],
    ['an element without a name', '<T>< A/></T>', { line: 1, column: 5, endColumn: 5 }],
    ['a malformed XML declaration', '<?xml ?><T/>', { line: 1, column: 1, endColumn: 1 }],
    [
      'an XML declaration after white space',
      ' <?xml version="1.0"?><T/>',
      { line: 1, column: 2, endColumn: 6 },
    ],
    ['markup that is not a comment', '<T><!ELEMENT x></T>', { line: 1, column: 4, endColumn: 4 }],
  ];
  for (const [what, xml, where] of cases) {
    it(`points at ${what}`, () => assert.deepEqual(failure(xml), where));
  }

  it('names the file when one is given', () => {
    assert.throws(() => templateFromXml('<T>', { file: 'zone.xml' }), {
      code: 'TEMPLATE_SYNTAX',
      where: { file: 'zone.xml', line: 1, column: 4, endColumn: 4 },
    });
  });

  describe('parseTemplateOrXml', () => {
    it('reads XML when the text starts with "<", after white space', () => {
      assert.deepEqual(shape(parseTemplateOrXml('<TEMPLATE><A>1</A></TEMPLATE>')), [['A', '1']]);
      assert.deepEqual(shape(parseTemplateOrXml('\n  <SERVER><NAME>fe2</NAME></SERVER>')), [
        ['NAME', 'fe2'],
      ]);
    });

    it('reads template syntax otherwise', () => {
      assert.deepEqual(shape(parseTemplateOrXml('A = "<not xml>"\n')), [['A', '<not xml>']]);
      assert.deepEqual(shape(parseTemplateOrXml('')), []);
    });

    it('reports errors of either syntax with the file', () => {
      assert.throws(() => parseTemplateOrXml(' <T>', { file: 'f' }), {
        code: 'TEMPLATE_SYNTAX',
        where: { file: 'f', line: 1, column: 5, endColumn: 5 },
      });
      assert.throws(() => parseTemplateOrXml('A', { file: 'f' }), {
        code: 'TEMPLATE_SYNTAX',
        where: { file: 'f', line: 1, column: 2, endColumn: 2 },
      });
    });
  });
});
