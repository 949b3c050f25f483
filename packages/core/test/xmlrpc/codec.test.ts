import assert from 'node:assert/strict';
import {
  decodeMethodCall,
  decodeMethodResponse,
  double,
  encodeFault,
  encodeMethodCall,
  encodeMethodResponse,
  i8,
  type XmlRpcInput,
} from '../../src/xmlrpc/index.js';

const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The `<value>` of a one-parameter call, as encoded. */
function encodedValue(v: XmlRpcInput): string {
  const body = encodeMethodCall('m', [v]);
  return body.slice(body.indexOf('<param>') + 7, body.lastIndexOf('</param>'));
}

function throwsCode(fn: () => unknown, code: string, where: Record<string, unknown>) {
  assert.throws(fn, (err: unknown) => {
    assert.equal((err as { code: string }).code, code);
    assert.deepEqual((err as { where: unknown }).where, where);
    return true;
  });
}

describe('xmlrpc/codec', () => {
  describe('encoding', () => {
    it('writes a methodCall with a declaration and one param per value', () => {
      assert.equal(
        encodeMethodCall('one.zone.info', ['oneadmin:pw', 0]),
        `${PROLOG}<methodCall><methodName>one.zone.info</methodName><params>` +
          '<param><value><string>oneadmin:pw</string></value></param>' +
          '<param><value><int>0</int></value></param></params></methodCall>',
      );
      assert.equal(
        encodeMethodCall('one.zonepool.info', []),
        `${PROLOG}<methodCall><methodName>one.zonepool.info</methodName><params></params></methodCall>`,
      );
    });

    it('picks each type from the value, with explicit integer width', () => {
      const cases: [XmlRpcInput, string][] = [
        [2147483647, '<int>2147483647</int>'],
        [-2147483648, '<int>-2147483648</int>'],
        [-0, '<int>0</int>'],
        [18446744073709551615n, '<i8>18446744073709551615</i8>'],
        [-(2n ** 63n), '<i8>-9223372036854775808</i8>'],
        [i8(2 ** 40), '<i8>1099511627776</i8>'],
        [double(3), '<double>3</double>'],
        [0.1, '<double>0.1</double>'],
        [1e-7, '<double>0.0000001</double>'],
        [true, '<boolean>1</boolean>'],
        [false, '<boolean>0</boolean>'],
        ['a<b>&c\r\n]]>', '<string>a&lt;b&gt;&amp;c&#13;\n]]&gt;</string>'],
        ['', '<string></string>'],
        [null, '<nil/>'],
        [
          new Date(Date.UTC(2024, 1, 29, 23, 59, 58)),
          '<dateTime.iso8601>20240229T23:59:58</dateTime.iso8601>',
        ],
        [Buffer.from('hello'), '<base64>aGVsbG8=</base64>'],
        [new Uint8Array([1, 2, 3]).subarray(1), '<base64>AgM=</base64>'],
        [[], '<array><data></data></array>'],
        [
          [1, ['x']],
          '<array><data><value><int>1</int></value><value><array><data><value><string>x</string></value></data></array></value></data></array>',
        ],
        [{}, '<struct></struct>'],
        [
          { NAME: 'a', skipped: undefined, '<k>': 1 },
          '<struct><member><name>NAME</name><value><string>a</string></value></member>' +
            '<member><name>&lt;k&gt;</name><value><int>1</int></value></member></struct>',
        ],
        [
          new Map([['k', false]]),
          '<struct><member><name>k</name><value><boolean>0</boolean></value></member></struct>',
        ],
        [
          Object.assign(Object.create(null) as object, { a: 1 }),
          '<struct><member><name>a</name><value><int>1</int></value></member></struct>',
        ],
      ];
      for (const [value, typed] of cases)
        assert.equal(encodedValue(value), `<value>${typed}</value>`, typed);
    });

    it('refuses values without an XML-RPC form, naming where they are', () => {
      throwsCode(() => encodeMethodCall('m', [2 ** 31]), 'XMLRPC_TYPE', { field: 'params[0]' });
      throwsCode(() => encodeMethodCall('m', [1, [0, -(2 ** 31) - 1]]), 'XMLRPC_TYPE', {
        field: 'params[1][1]',
      });
      throwsCode(() => encodeMethodCall('m', [{ a: { b: Number.NaN } }]), 'XMLRPC_TYPE', {
        field: 'params[0].a.b',
      });
      throwsCode(() => encodeMethodCall('m', [double(Infinity)]), 'XMLRPC_TYPE', {
        field: 'params[0]',
      });
      throwsCode(() => encodeMethodCall('m', [2n ** 64n]), 'XMLRPC_TYPE', { field: 'params[0]' });
      throwsCode(() => encodeMethodCall('m', [-(2n ** 63n) - 1n]), 'XMLRPC_TYPE', {
        field: 'params[0]',
      });
      throwsCode(
        () => encodeMethodCall('m', [[undefined as unknown as XmlRpcInput]]),
        'XMLRPC_TYPE',
        { field: 'params[0][0]' },
      );
      throwsCode(
        () => encodeMethodCall('m', [(() => 1) as unknown as XmlRpcInput]),
        'XMLRPC_TYPE',
        { field: 'params[0]' },
      );
      throwsCode(() => encodeMethodCall('m', [/x/ as unknown as XmlRpcInput]), 'XMLRPC_TYPE', {
        field: 'params[0]',
      });
      throwsCode(() => encodeMethodCall('m', [new Date(Number.NaN)]), 'XMLRPC_TYPE', {
        field: 'params[0]',
      });
      throwsCode(() => encodeMethodCall('m', [new Date(Date.UTC(10000, 0))]), 'XMLRPC_TYPE', {
        field: 'params[0]',
      });
      throwsCode(() => encodeMethodCall('m', ['bell\u0007']), 'XMLRPC_TYPE', {
        field: 'params[0]',
      });
      throwsCode(() => encodeMethodCall('m', [{ 'x\uDC00': 1 }]), 'XMLRPC_TYPE', {
        field: 'params[0].x\uDC00',
      });
      throwsCode(
        () => encodeMethodCall('m', [new Map([[1, 1]]) as unknown as XmlRpcInput]),
        'XMLRPC_TYPE',
        { field: 'params[0]' },
      );
      throwsCode(() => encodeMethodCall('one zone', []), 'XMLRPC_TYPE', { field: 'methodName' });
      throwsCode(() => i8(1.5), 'XMLRPC_TYPE', {});
    });

    it('stops at the depth limit, so cycles are an error rather than a crash', () => {
      const cycle: XmlRpcInput[] = [];
      cycle.push(cycle);
      assert.throws(() => encodeMethodCall('m', [cycle]), { code: 'XMLRPC_TOO_DEEP' });
      let nested: XmlRpcInput = 1;
      for (let i = 0; i < 3; i++) nested = [nested];
      assert.doesNotThrow(() => encodeMethodCall('m', [nested], { maxDepth: 3 }));
      throwsCode(() => encodeMethodCall('m', [nested], { maxDepth: 2 }), 'XMLRPC_TOO_DEEP', {
        field: 'params[0][0][0]',
      });
    });

    it('writes a response with exactly one value and a fault as a struct', () => {
      assert.equal(
        encodeMethodResponse([true, '<ZONE/>', 0]),
        `${PROLOG}<methodResponse><params><param><value><array><data><value><boolean>1</boolean></value>` +
          '<value><string>&lt;ZONE/&gt;</string></value><value><int>0</int></value></data></array></value>' +
          '</param></params></methodResponse>',
      );
      assert.equal(
        encodeFault({ faultCode: -32601, faultString: 'no such method <x>' }),
        `${PROLOG}<methodResponse><fault><value><struct>` +
          '<member><name>faultCode</name><value><int>-32601</int></value></member>' +
          '<member><name>faultString</name><value><string>no such method &lt;x&gt;</string></value></member>' +
          '</struct></value></fault></methodResponse>',
      );
      throwsCode(() => encodeFault({ faultCode: 1.5, faultString: 'x' }), 'XMLRPC_TYPE', {
        field: 'fault.faultCode',
      });
    });
  });

  describe('decoding', () => {
    it('reads a call, with or without params, ignoring white space and comments', () => {
      assert.deepEqual(
        decodeMethodCall(`<?xml version="1.0"?>
<!-- a call -->
<methodCall>
  <methodName>one.zone.info</methodName>
  <params>
    <param> <value> <string>a:b</string> </value> </param>
    <param><value><i4>7</i4></value></param>
  </params>
</methodCall>`),
        { methodName: 'one.zone.info', params: ['a:b', 7] },
      );
      assert.deepEqual(decodeMethodCall('<methodCall><methodName>x</methodName></methodCall>'), {
        methodName: 'x',
        params: [],
      });
      assert.deepEqual(
        decodeMethodCall('<methodCall><methodName>x</methodName><params/></methodCall>'),
        {
          methodName: 'x',
          params: [],
        },
      );
    });

    it('reads untyped values as strings, white space included', () => {
      const body =
        '<methodCall><methodName>m</methodName><params>' +
        '<param><value>plain &amp; simple</value></param><param><value> </value></param>' +
        '<param><value></value></param><param><value/></param><param><value><![CDATA[<x>]]></value></param>' +
        '<param><value><string/></value></param></params></methodCall>';
      assert.deepEqual(decodeMethodCall(body).params, ['plain & simple', ' ', '', '', '<x>', '']);
    });

    it('reads every scalar type', () => {
      const values =
        '<value><int> 5 </int></value><value><i8>-9223372036854775808</i8></value>' +
        '<value><boolean>1</boolean></value><value><double>-1.5e3</double></value>' +
        '<value><dateTime.iso8601>19980717T14:08:55</dateTime.iso8601></value>' +
        '<value><base64>aGk=</base64></value><value><base64/></value><value><nil/></value><value><nil></nil></value>';
      const body = `<methodResponse><params><param><value><array><data>${values}</data></array></value></param></params></methodResponse>`;
      assert.deepEqual(decodeMethodResponse(body), {
        kind: 'value',
        value: [
          5,
          -(2n ** 63n),
          true,
          -1500,
          new Date(Date.UTC(1998, 6, 17, 14, 8, 55)),
          Buffer.from('hi'),
          Buffer.alloc(0),
          null,
          null,
        ],
      });
    });

    it('reads structs as plain objects; the last of repeated members wins', () => {
      const body =
        '<methodResponse><params><param><value><struct>' +
        '<member><name>a</name><value><int>1</int></value></member>' +
        '<member><name>__proto__</name><value><struct><member><name>polluted</name><value>yes</value></member></struct></value></member>' +
        '<member><name>a</name><value><int>2</int></value></member>' +
        '</struct></value></param></params></methodResponse>';
      const response = decodeMethodResponse(body);
      assert.equal(response.kind, 'value');
      const struct = response.value as Record<string, unknown>;
      assert.equal(Object.getPrototypeOf(struct), Object.prototype);
      assert.deepEqual(Object.keys(struct), ['a', '__proto__']);
      assert.equal(struct.a, 2);
      assert.deepEqual(Object.getOwnPropertyDescriptor(struct, '__proto__')?.value, {
        polluted: 'yes',
      });
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it('reads faults', () => {
      assert.deepEqual(
        decodeMethodResponse(encodeFault({ faultCode: 4, faultString: 'Too many parameters' })),
        {
          kind: 'fault',
          fault: { faultCode: 4, faultString: 'Too many parameters' },
        },
      );
    });

    it('accepts bytes, with or without a byte order mark', () => {
      const body = encodeMethodCall('m', ['ünï ☃ 😀']);
      const expected = { methodName: 'm', params: ['ünï ☃ 😀'] };
      assert.deepEqual(decodeMethodCall(Buffer.from(body)), expected);
      assert.deepEqual(
        decodeMethodCall(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])),
        expected,
      );
      assert.deepEqual(decodeMethodCall(`\uFEFF${body}`), expected);
    });
  });
});
