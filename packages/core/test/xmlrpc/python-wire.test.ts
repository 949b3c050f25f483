// Interoperability with Python's xmlrpc.client, a real and widespread client: bodies it
// writes must decode, and bodies we write must load in it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  decodeMethodCall,
  decodeMethodResponse,
  double,
  encodeFault,
  encodeMethodResponse,
  oneFailure,
  oneSuccess,
} from '../../src/xmlrpc/index.js';

/** Runs a Python snippet; `stdin` is what it reads, its UTF-8 stdout is returned. */
function python(script: string, stdin = ''): Buffer {
  return execFileSync('python3', ['-c', script], { input: stdin });
}

const DUMP = `
import sys, datetime, xmlrpc.client as x
body = x.dumps(%PARAMS%, %NAME%, allow_none=True)
sys.stdout.buffer.write(body.encode('utf-8'))
`;

function pythonDumps(params: string, methodName = "'one.zone.info'"): Buffer {
  return python(DUMP.replace('%PARAMS%', params).replace('%NAME%', methodName));
}

describe('xmlrpc/python wire shape', function () {
  this.timeout(30_000);

  it('decodes a call written by xmlrpc.client, every type it sends', () => {
    const body = pythonDumps(
      "('oneadmin:pw', 0, -2147483648, True, 1.5, None, [1, 'a<b&c'], {'NAME': 'z', 'L': []}, " +
        "x.Binary(b'\\x00\\xffhi' * 40), datetime.datetime(2024, 1, 2, 3, 4, 5), 'ünï ☃ 😀', '')",
    );
    assert.match(body.toString(), /<value><string>oneadmin:pw<\/string><\/value>/);
    assert.deepEqual(decodeMethodCall(body), {
      methodName: 'one.zone.info',
      params: [
        'oneadmin:pw',
        0,
        -2147483648,
        true,
        1.5,
        null,
        [1, 'a<b&c'],
        { NAME: 'z', L: [] },
        Buffer.concat(Array.from({ length: 40 }, () => Buffer.from([0x00, 0xff, 0x68, 0x69]))),
        new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
        'ünï ☃ 😀',
        '',
      ],
    });
  });

  it('decodes a call with no parameters and a fault written by xmlrpc.client', () => {
    assert.deepEqual(decodeMethodCall(pythonDumps('()', "'one.zonepool.info'")), {
      methodName: 'one.zonepool.info',
      params: [],
    });
    const fault = python(`
import sys, xmlrpc.client as x
sys.stdout.buffer.write(x.dumps(x.Fault(256, '[one.zone.info] User couldn\\'t be authenticated, aborting call.'), methodresponse=True).encode())
`);
    assert.deepEqual(decodeMethodResponse(fault), {
      kind: 'fault',
      fault: {
        faultCode: 256,
        faultString: "[one.zone.info] User couldn't be authenticated, aborting call.",
      },
    });
  });

  it('decodes untyped string values, as older clients send them', () => {
    const body = `<?xml version='1.0'?>
<methodCall>
<methodName>one.zone.info</methodName>
<params>
<param>
<value>oneadmin:pw</value>
</param>
<param>
<value><int>0</int></value>
</param>
</params>
</methodCall>
`;
    assert.deepEqual(decodeMethodCall(body).params, ['oneadmin:pw', 0]);
  });

  it('writes responses xmlrpc.client loads: OpenNebula results, i8, double, nil, faults', () => {
    // One Python process loads every body (NUL cannot occur in XML, so it separates them).
    const LOAD = `
import sys, xmlrpc.client as x
for body in sys.stdin.buffer.read().split(b'\\0'):
    try:
        params, _ = x.loads(body, use_builtin_types=True)
        print(repr(params[0]))
    except x.Fault as f:
        print('fault', f.faultCode, repr(f.faultString))
`;
    const bodies = [
      encodeMethodResponse(oneSuccess('<ZONE><NAME>ü</NAME></ZONE>')),
      encodeMethodResponse(
        oneFailure(0x0400, '[one.zone.info] Error getting zone [7].', { respId: 7 }),
      ),
      encodeMethodResponse([
        18446744073709551615n,
        double(1e21),
        1e-7,
        null,
        'a\r\nb',
        new Date(Date.UTC(2024, 0, 2)),
      ]),
      encodeMethodResponse({ K: Buffer.from('hi') }),
      encodeFault({ faultCode: 1, faultString: 'bad <call>' }),
    ];
    assert.deepEqual(python(LOAD, bodies.join('\0')).toString().trim().split('\n'), [
      "[True, '<ZONE><NAME>ü</NAME></ZONE>', 0]",
      "[False, '[one.zone.info] Error getting zone [7].', 1024, 7, -1]",
      "[18446744073709551615, 1e+21, 1e-07, None, 'a\\r\\nb', datetime.datetime(2024, 1, 2, 0, 0)]",
      "{'K': b'hi'}",
      "fault 1 'bad <call>'",
    ]);
  });
});
