// Bad, oversized and deliberately nasty bodies: each must end in a typed OneKitError,
// never a crash or a hang (the suite's timeout bounds every case; inputs are sized so
// that a quadratic scan would blow it).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isOneKitError } from '../../src/errors/index.js';
import {
  decodeMethodCall,
  decodeMethodResponse,
  defaultXmlRpcLimits,
  encodeMethodCall,
  encodeMethodResponse,
} from '../../src/xmlrpc/index.js';

const call = (params: string) =>
  `<methodCall><methodName>m</methodName><params>${params}</params></methodCall>`;
const param = (value: string) => `<param><value>${value}</value></param>`;

/** Line and column where the `nth` occurrence (from 1) of `marker` starts in `body`. */
function at(body: string, marker: string, nth = 1): { line: number; column: number } {
  let i = -1;
  for (let n = 0; n < nth; n++) i = body.indexOf(marker, i + 1);
  assert.ok(i >= 0, marker);
  const before = body.slice(0, i).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function rejects(fn: () => unknown, code: string, where: Record<string, unknown>) {
  assert.throws(fn, (err: unknown) => {
    assert.ok(isOneKitError(err), String(err));
    assert.equal(err.code, code, err.message);
    assert.deepEqual(err.where, where);
    return true;
  });
}

describe('xmlrpc/hostile input', () => {
  it('refuses documents that are not XML-RPC, pointing at the spot', () => {
    const cases: [string, string][] = [
      ['not xml', 'not xml'],
      ['<methodResponse/>', '<methodResponse/>'],
      ['<methodCall><params/></methodCall>', '<params/>'],
      ['<methodCall><methodName>one zone</methodName></methodCall>', '<methodName>'],
      ['<methodCall><methodName></methodName></methodCall>', '<methodName>'],
      [call('<param><int>1</int></param>'), '<int>'],
      [call('text'), 'text'],
      [call(param('x<int>1</int>')), 'x<int>'],
      [call(param('<int>1</int><int>2</int>')), '<int>2'],
      [call(param('<string><b/></string>')), '<b/>'],
      [call(param('<array><value/></array>')), '<value/>'],
      [call(param('<struct><member><value/></member></struct>')), '<value/>'],
      [call(param('<struct><member><name>a</name></member></struct>')), '</member>'],
      [`${call('')}<extra/>`, '<extra/>'],
      ['<methodResponse><params/></methodResponse>', '</methodResponse>'],
      [`<methodResponse><params>${param('1')}${param('2')}</params></methodResponse>`, '</params>'],
      ['<methodResponse><other/></methodResponse>', '<other/>'],
    ];
    for (const [body, marker] of cases) {
      const decode = body.startsWith('<methodResponse><') ? decodeMethodResponse : decodeMethodCall;
      rejects(() => decode(body), 'XMLRPC_MALFORMED', at(body, marker));
    }
    rejects(
      () => decodeMethodCall(Buffer.from([0x3c, 0x61, 0xc3, 0x28, 0x3e])),
      'XMLRPC_MALFORMED',
      { field: 'body' },
    );
  });

  it('refuses values of the wrong type or out of range, at the value', () => {
    for (const bad of [
      '<int>abc</int>',
      '<int>2147483648</int>',
      '<i4>1.0</i4>',
      '<i8>18446744073709551616</i8>',
      '<boolean>yes</boolean>',
      '<double>NaN</double>',
      '<double>1e400</double>',
      '<dateTime.iso8601>yesterday</dateTime.iso8601>',
      '<base64>!!!!</base64>',
      '<nil>x</nil>',
    ]) {
      const body = call(param(bad));
      rejects(
        () => decodeMethodCall(body),
        'XMLRPC_TYPE',
        at(body, bad.slice(0, bad.indexOf('>') + 1)),
      );
    }
    const unknown = call(param('<float>1</float>'));
    rejects(() => decodeMethodCall(unknown), 'XMLRPC_TYPE', at(unknown, '<float>'));
    for (const members of [
      '',
      '<member><name>faultCode</name><value><double>1.5</double></value></member><member><name>faultString</name><value>x</value></member>',
      '<member><name>faultCode</name><value><int>1</int></value></member>',
    ]) {
      const body = `<methodResponse><fault><value><struct>${members}</struct></value></fault></methodResponse>`;
      rejects(() => decodeMethodResponse(body), 'XMLRPC_TYPE', at(body, '<value>'));
    }
  });

  it('refuses oversized bodies before reading them', () => {
    const body = encodeMethodCall('m', ['x'.repeat(100)]);
    rejects(() => decodeMethodCall(body, { maxBodyBytes: 100 }), 'XMLRPC_TOO_LARGE', {
      field: 'body',
    });
    rejects(() => decodeMethodCall(Buffer.from(body), { maxBodyBytes: 100 }), 'XMLRPC_TOO_LARGE', {
      field: 'body',
    });
    // 40 three-byte characters: 40 UTF-16 units but 120 bytes.
    const wide = encodeMethodCall('m', ['☃'.repeat(40)]);
    assert.ok(wide.length < 200);
    rejects(() => decodeMethodCall(wide, { maxBodyBytes: 200 }), 'XMLRPC_TOO_LARGE', {
      field: 'body',
    });
    assert.doesNotThrow(() => decodeMethodCall(wide, { maxBodyBytes: Buffer.byteLength(wide) }));
    assert.equal(defaultXmlRpcLimits.maxBodyBytes, 32 * 1024 * 1024);
    const huge = `${call('')}${' '.repeat(defaultXmlRpcLimits.maxBodyBytes)}`;
    rejects(() => decodeMethodCall(huge), 'XMLRPC_TOO_LARGE', { field: 'body' });
  });

  it('refuses bodies with too many elements', () => {
    const body = encodeMethodCall('m', [Array.from({ length: 50 }, (_, i) => i)]);
    // Seven elements lead to the array's items, then two per item: the 101st is item 46's <int>.
    rejects(
      () => decodeMethodCall(body, { maxElements: 100 }),
      'XMLRPC_TOO_LARGE',
      at(body, '<int>46<'),
    );
    assert.equal(decodeMethodCall(body, { maxElements: 160 }).params.length, 1);
  });

  it('refuses values nested deeper than the limit without exhausting the stack', () => {
    const nest = (depth: number, inner = '<int>1</int>') =>
      '<array><data><value>'.repeat(depth) + inner + '</value></data></array>'.repeat(depth);
    assert.doesNotThrow(() => decodeMethodCall(call(param(nest(defaultXmlRpcLimits.maxDepth)))));
    const tooDeep = call(param(nest(defaultXmlRpcLimits.maxDepth + 1)));
    rejects(() => decodeMethodCall(tooDeep), 'XMLRPC_TOO_DEEP', at(tooDeep, '<array>', 65));
    const structs = (depth: number) =>
      '<struct><member><name>a</name><value>'.repeat(depth) +
      '1' +
      '</value></member></struct>'.repeat(depth);
    const deepStructs = call(param(structs(4)));
    rejects(
      () => decodeMethodCall(deepStructs, { maxDepth: 3 }),
      'XMLRPC_TOO_DEEP',
      at(deepStructs, '<struct>', 4),
    );
    assert.doesNotThrow(() => decodeMethodCall(call(param(structs(3))), { maxDepth: 3 }));
    // A million unclosed levels: refused at the limit, long before the end.
    const abyss = call(param('<array><data><value>'.repeat(1_000_000)));
    assert.throws(() => decodeMethodCall(abyss), { code: 'XMLRPC_TOO_DEEP' });
    assert.throws(() => decodeMethodCall(call(param('<value>'.repeat(1_000_000)))), {
      code: 'XMLRPC_TYPE',
    });
  });

  it('refuses limits that would not protect anything, before reading the body', () => {
    const body = encodeMethodCall('m', []);
    for (const limits of [
      { maxDepth: 0 },
      { maxDepth: 1001 },
      { maxElements: 1.5 },
      { maxBodyBytes: -1 },
    ]) {
      assert.throws(() => decodeMethodCall(body, limits), RangeError, JSON.stringify(limits));
    }
    assert.throws(() => encodeMethodCall('m', [], { maxDepth: 100_000 }), RangeError);
    assert.doesNotThrow(() => decodeMethodCall(body, { maxDepth: 1000, maxElements: undefined }));
  });

  it('refuses entity expansion (billion laughs) and external entities', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<methodCall><methodName>m</methodName><params><param><value>&lol2;</value></param></params></methodCall>`;
    rejects(() => decodeMethodCall(laughs), 'XMLRPC_MALFORMED', at(laughs, '<!DOCTYPE'));
    const external = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${call(param('&xxe;'))}`;
    rejects(() => decodeMethodCall(external), 'XMLRPC_MALFORMED', { line: 1, column: 1 });
    const undeclared = call(param('&xxe;'));
    rejects(() => decodeMethodCall(undeclared), 'XMLRPC_MALFORMED', at(undeclared, '&xxe;'));
  });

  it('stays linear on inputs built to trip naive scanners', () => {
    const mb = 1_000_000;
    const cases: [string, string][] = [
      [call(param(`<string>${'&amp;'.repeat(mb / 5)}</string>`)), 'ok'],
      [call(param(`<string>${'<!---->'.repeat(mb / 7)}</string>`)), 'ok'],
      [call(param(`<string>${'<![CDATA[x]]>'.repeat(mb / 13)}</string>`)), 'ok'],
      [call(param(`<string>${'&'.repeat(mb)}</string>`)), 'XMLRPC_MALFORMED'],
      [call(param(`<string>&${'a'.repeat(mb)};</string>`)), 'XMLRPC_MALFORMED'],
      [call(param(`<string><![CDATA[${']'.repeat(mb)}</string>`)), 'XMLRPC_MALFORMED'],
      [call(param(`<string><!--${'-'.repeat(mb)}</string>`)), 'XMLRPC_MALFORMED'],
      [call(param(`<double>${'1'.repeat(mb)}x</double>`)), 'XMLRPC_TYPE'],
      [call(param(`<double>${'1'.repeat(300)}</double>`)), 'ok'],
      [call(param(`<int>${'9'.repeat(mb)}</int>`)), 'XMLRPC_TYPE'],
      [call(param(`<i8>${'0'.repeat(mb)}1</i8>`)), 'ok'],
      [call(param(`<i8>${'9'.repeat(mb)}</i8>`)), 'XMLRPC_TYPE'],
      [call(param(`<base64>${'A'.repeat(mb)}=</base64>`)), 'XMLRPC_TYPE'],
      [call(param(`<dateTime.iso8601>${'1'.repeat(mb)}</dateTime.iso8601>`)), 'XMLRPC_TYPE'],
      [
        `<methodCall ${Array.from({ length: mb / 10 }, (_, i) => `a${i}="1"`).join(' ')}/>`,
        'XMLRPC_MALFORMED',
      ],
      [`<methodCall a="1" ${'a="1" '.repeat(mb / 6)}/>`, 'XMLRPC_MALFORMED'],
      [`${'<!-- -->'.repeat(mb / 8)}${call('')}`, 'ok'],
      [`<methodCall>${' '.repeat(mb)}`, 'XMLRPC_MALFORMED'],
      [call(param(`<string>${'\r\n'.repeat(mb / 2)}</string>`)), 'ok'],
    ];
    for (const [body, expected] of cases) {
      if (expected === 'ok') {
        assert.doesNotThrow(() => decodeMethodCall(body), body.slice(0, 80));
      } else {
        assert.throws(() => decodeMethodCall(body), { code: expected }, body.slice(0, 80));
      }
    }
  });

  it('never throws anything but a typed error on mutated or random bodies', () => {
    const valid = [
      encodeMethodCall('one.zone.info', [
        'oneadmin:x',
        0,
        true,
        [1n, 'a<b', null],
        { A: 1.5, B: Buffer.from('z') },
      ]),
      encodeMethodResponse([false, '[one.zone.info] Error getting zone [7].', 0x400, -1, -1n]),
      encodeMethodResponse(new Date(0)),
    ];
    const pieces = fc.constantFrom(
      '<',
      '>',
      '/',
      '&',
      ';',
      '"',
      '=',
      '<!--',
      ']]>',
      '<![CDATA[',
      '&#x',
      '<value>',
      '</value>',
      '<i8>',
      '</data>',
      'x',
      ' ',
      '\u0000',
      '\uD800',
    );
    const mutation = fc.tuple(fc.nat(), fc.nat(5), fc.array(pieces, { maxLength: 3 }));
    const isTyped = (err: unknown) => isOneKitError(err) && err.code.startsWith('XMLRPC_');
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (body, mutations) => {
          let text = body;
          for (const [at, remove, insert] of mutations) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert.join('') + text.slice(i + remove);
          }
          for (const decode of [decodeMethodCall, decodeMethodResponse]) {
            try {
              decode(text);
            } catch (err) {
              assert.ok(isTyped(err), `${String(err)}\n${text}`);
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.uint8Array({ maxLength: 200 })),
        (input) => {
          try {
            decodeMethodResponse(input);
          } catch (err) {
            assert.ok(isTyped(err), String(err));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
