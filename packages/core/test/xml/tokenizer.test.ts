import assert from 'node:assert/strict';
import {
  XmlTokenizer,
  type TokenizerFailure,
  type TokenizerOptions,
} from '../../src/xml/tokenizer.js';

const options: TokenizerOptions = {
  codes: {
    malformed: 'XMLRPC_MALFORMED',
    tooLarge: 'XMLRPC_TOO_LARGE',
    tooDeep: 'XMLRPC_TOO_DEEP',
  },
  maxElements: 1000,
  maxDepth: 16,
};

const skippingInstructions: TokenizerOptions = { ...options, processingInstructions: 'skip' };

/** The failure the tokenizer hands to the caller's error builder. */
function failure(xml: string, opts: TokenizerOptions = options): TokenizerFailure {
  let seen: TokenizerFailure | undefined;
  const error = (f: TokenizerFailure) => {
    seen = f;
    return new Error(f.message);
  };
  assert.throws(() => tokens(xml, { ...opts, error }), Error);
  return seen!;
}

/** Every token as a short string: `<a`, `>a`, `"text"`. */
function tokens(xml: string, opts: TokenizerOptions = options): string[] {
  const tok = new XmlTokenizer(xml, opts);
  const out: string[] = [];
  for (let kind = tok.next(); kind !== 'end'; kind = tok.next()) {
    out.push(
      kind === 'open'
        ? `<${tok.name}`
        : kind === 'close'
          ? `>${tok.name}`
          : JSON.stringify(tok.text),
    );
  }
  return out;
}

function rejects(
  xml: string,
  code: string,
  where: { line: number; column: number },
  opts = options,
) {
  assert.throws(
    () => tokens(xml, opts),
    (err: unknown) => {
      assert.equal((err as { code: string }).code, code);
      assert.deepEqual((err as { where: unknown }).where, where);
      return true;
    },
  );
}

describe('xml/tokenizer', () => {
  it('reads elements, self-closing tags and text', () => {
    assert.deepEqual(tokens('<a><b>x</b><c/></a>'), ['<a', '<b', '"x"', '>b', '<c', '>c', '>a']);
  });

  it('accepts the XML declaration, comments and white space around the root', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- before -->\n<a>x</a>\n<!-- after -->\n`;
    assert.deepEqual(tokens(xml), ['<a', '"x"', '>a']);
    assert.deepEqual(tokens(`<?xml version='1.0'?><a/>`), ['<a', '>a']);
  });

  it('decodes the five predefined entities and character references', () => {
    assert.deepEqual(tokens('<a>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;</a>'), [
      '<a',
      JSON.stringify(`<>&"'AB😀`),
      '>a',
    ]);
  });

  it('joins character data, CDATA sections and comments into one text token', () => {
    assert.deepEqual(tokens('<a>x<![CDATA[<y>&amp;]]><!-- c -->z</a>'), [
      '<a',
      '"x<y>&amp;z"',
      '>a',
    ]);
  });

  it('turns CR LF and lone CR into LF, but keeps a referenced CR', () => {
    assert.deepEqual(tokens('<a>1\r\n2\r3&#13;<![CDATA[\r\n]]></a>'), [
      '<a',
      JSON.stringify('1\n2\n3\r\n'),
      '>a',
    ]);
  });

  it('checks and drops attributes', () => {
    assert.deepEqual(tokens(`<a x="1" y='&lt;2'><b z="3"/></a>`), ['<a', '<b', '>b', '>a']);
    rejects('<a x="1" x="2"/>', 'XMLRPC_MALFORMED', { line: 1, column: 10 });
    rejects('<a x="<"/>', 'XMLRPC_MALFORMED', { line: 1, column: 7 });
    rejects('<a x=1/>', 'XMLRPC_MALFORMED', { line: 1, column: 6 });
    rejects('<a x="1"y="2"/>', 'XMLRPC_MALFORMED', { line: 1, column: 9 });
  });

  it('refuses document type declarations, so entities cannot expand', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<methodCall><methodName>&lol2;</methodName></methodCall>`;
    rejects(laughs, 'XMLRPC_MALFORMED', { line: 2, column: 1 });
    rejects('<a><!DOCTYPE a></a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
  });

  it('refuses undefined entities and bad references', () => {
    rejects('<a>&lol;</a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
    rejects('<a>x & y</a>', 'XMLRPC_MALFORMED', { line: 1, column: 6 });
    rejects('<a>&#0;</a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
    rejects('<a>&#xD800;</a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
    rejects('<a>&#x110000;</a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
    rejects('<a>&#X41;</a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
    rejects('<a>&constructor;</a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
  });

  it('refuses characters XML cannot carry', () => {
    rejects('<a>\u0001</a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
    rejects('<a>\uD800</a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
    rejects('<a>\uFFFE</a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
  });

  it('reports line and column of the failure', () => {
    rejects('<a>\n  <b>\n  </c>\n</a>', 'XMLRPC_MALFORMED', { line: 3, column: 3 });
  });

  it('refuses broken structure', () => {
    rejects('', 'XMLRPC_MALFORMED', { line: 1, column: 1 });
    rejects('   ', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
    rejects('<a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
    rejects('<a></a><b/>', 'XMLRPC_MALFORMED', { line: 1, column: 8 });
    rejects('<a></a>x', 'XMLRPC_MALFORMED', { line: 1, column: 8 });
    rejects('x<a></a>', 'XMLRPC_MALFORMED', { line: 1, column: 1 });
    rejects('</a>', 'XMLRPC_MALFORMED', { line: 1, column: 1 });
    rejects('<a><![CDATA[x</a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
    rejects('<a><!-- x </a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
    rejects('<a><!-- x -- y --></a>', 'XMLRPC_MALFORMED', { line: 1, column: 11 });
    rejects('<a>]]></a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
    rejects('<a><?pi x?></a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 });
    rejects('<a/ >', 'XMLRPC_MALFORMED', { line: 1, column: 3 });
    rejects('<a', 'XMLRPC_MALFORMED', { line: 1, column: 1 });
    rejects('<1a/>', 'XMLRPC_MALFORMED', { line: 1, column: 2 });
    rejects('<a></a  b>', 'XMLRPC_MALFORMED', { line: 1, column: 9 });
  });

  it('refuses declarations it cannot honour', () => {
    rejects('<?xml version="1.0" encoding="ISO-8859-1"?><a/>', 'XMLRPC_MALFORMED', {
      line: 1,
      column: 1,
    });
    rejects('<?xml encoding="UTF-8"?><a/>', 'XMLRPC_MALFORMED', { line: 1, column: 1 });
    rejects(`<?xml version="1.0"${' '.repeat(300)}?><a/>`, 'XMLRPC_MALFORMED', {
      line: 1,
      column: 1,
    });
    rejects('<a/><?xml version="1.0"?>', 'XMLRPC_MALFORMED', { line: 1, column: 5 });
  });

  it('enforces the element count and depth limits with their own codes', () => {
    rejects(
      '<a><b/><c/><d/></a>',
      'XMLRPC_TOO_LARGE',
      { line: 1, column: 12 },
      { ...options, maxElements: 3 },
    );
    rejects(
      '<a><b><c/></b></a>',
      'XMLRPC_TOO_DEEP',
      { line: 1, column: 7 },
      { ...options, maxDepth: 2 },
    );
    assert.deepEqual(tokens('<a><b/></a>', { ...options, maxElements: 2, maxDepth: 2 }).length, 4);
  });

  it('skips a byte order mark, also before the declaration', () => {
    assert.deepEqual(tokens('\uFEFF<a/>'), ['<a', '>a']);
    assert.deepEqual(tokens('\uFEFF<?xml version="1.0"?><a/>'), ['<a', '>a']);
    rejects('\uFEFF\uFEFF<a/>', 'XMLRPC_MALFORMED', { line: 1, column: 2 });
  });

  it('gives an empty CDATA section an empty text token, and a comment none', () => {
    assert.deepEqual(tokens('<a><![CDATA[]]></a>'), ['<a', '""', '>a']);
    assert.deepEqual(tokens('<a><!-- c --></a>'), ['<a', '>a']);
  });

  it('reads names as XML defines them, beyond ASCII too', () => {
    assert.deepEqual(tokens('<é·-1><_:a.b/></é·-1>'), ['<é·-1', '<_:a.b', '>_:a.b', '>é·-1']);
    rejects('<×/>', 'XMLRPC_MALFORMED', { line: 1, column: 2 });
    rejects('<·a/>', 'XMLRPC_MALFORMED', { line: 1, column: 2 });
    rejects('<a\u2000/>', 'XMLRPC_MALFORMED', { line: 1, column: 3 });
  });

  it('skips processing instructions when told to, but none named xml', () => {
    const xml = '<?pi x?><a><?pi?>x<?pi <b/>?>y</a><?pi ?>';
    assert.deepEqual(tokens(xml, skippingInstructions), ['<a', '"xy"', '>a']);
    rejects('<a><?XML x?></a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 }, skippingInstructions);
    rejects(
      ' <?xml version="1.0"?><a/>',
      'XMLRPC_MALFORMED',
      { line: 1, column: 2 },
      skippingInstructions,
    );
    rejects('<a><?pi<b/>?></a>', 'XMLRPC_MALFORMED', { line: 1, column: 8 }, skippingInstructions);
    rejects('<a><?pi x</a>', 'XMLRPC_MALFORMED', { line: 1, column: 4 }, skippingInstructions);
    rejects('<a><? x?></a>', 'XMLRPC_MALFORMED', { line: 1, column: 6 }, skippingInstructions);
  });

  it('hands each failure, with its span where known, to the error builder', () => {
    const malformed = 'XMLRPC_MALFORMED';
    assert.deepEqual(failure('<a>x &nbsp; y</a>'), {
      message: 'unknown entity &nbsp;',
      code: malformed,
      start: 5,
      end: 11,
    });
    assert.deepEqual(failure('<a>&#0;</a>'), {
      message: 'character reference &#0; is not an XML character',
      code: malformed,
      start: 3,
      end: 7,
    });
    const spans: [string, number, number][] = [
      ['<a></b >', 3, 7],
      ['<!DOCTYPE a><a/>', 0, 9],
      ['<a>x]]></a>', 4, 7],
      ['<a><!-- x -- y --></a>', 10, 12],
      ['<a x="1" x="2"/>', 9, 10],
      ['<a><?xml-x?><?xml ?></a>', 12, 17],
    ];
    for (const [xml, start, end] of spans) {
      const { code, ...span } = failure(xml, skippingInstructions);
      assert.equal(code, malformed);
      assert.deepEqual([span.start, span.end], [start, end], xml);
    }
    const unclosed = failure('<a>');
    assert.deepEqual([unclosed.code, unclosed.start, unclosed.end], [malformed, 3, undefined]);
    const deep = failure('<a><b/></a>', { ...options, maxDepth: 1 });
    assert.deepEqual([deep.code, deep.start], ['XMLRPC_TOO_DEEP', 3]);
  });
});
