import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decodeMethodCall,
  decodeMethodResponse,
  double,
  encodeFault,
  encodeMethodCall,
  encodeMethodResponse,
  I8_MAX,
  I8_MIN,
  INT_MAX,
  INT_MIN,
  type XmlRpcInput,
  type XmlRpcValue,
} from '../../src/xmlrpc/index.js';
import { xmlText } from '../support/arbitraries.js';

/** A value to encode, and what decoding must give back. */
type Pair = [XmlRpcInput, XmlRpcValue];

const same = <T extends XmlRpcInput & XmlRpcValue>(a: fc.Arbitrary<T>): fc.Arbitrary<Pair> =>
  a.map((v) => [v, v]);

const leaf: fc.Arbitrary<Pair> = fc.oneof(
  same(fc.integer({ min: INT_MIN, max: INT_MAX })),
  same(
    fc.oneof(
      fc.bigInt({ min: I8_MIN, max: I8_MAX }),
      fc.constantFrom(I8_MIN, I8_MAX, -1n, 0n, 2n ** 63n - 1n, 2n ** 53n + 1n),
    ),
  ),
  same(fc.boolean()),
  same(xmlText(20)),
  same(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x))),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x): Pair => [double(x), x]),
  same(
    fc.date({
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    }),
  ),
  fc.uint8Array({ maxLength: 40 }).map((u): Pair => [u, Buffer.from(u)]),
  fc.constant<Pair>([null, null]),
);

const memberName = fc.oneof(
  xmlText(8),
  fc.constantFrom('__proto__', 'constructor', 'toString', ''),
);

const { value } = fc.letrec<{ value: Pair; array: Pair; struct: Pair; map: Pair }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    tie('array'),
    tie('struct'),
    tie('map'),
  ),
  array: fc
    .array(tie('value'), { maxLength: 5 })
    .map((pairs): Pair => [pairs.map((p) => p[0]), pairs.map((p) => p[1])]),
  struct: fc
    .uniqueArray(fc.tuple(memberName, tie('value')), { selector: ([name]) => name, maxLength: 5 })
    .map((members): Pair => [
      Object.fromEntries(members.map(([name, [input]]) => [name, input])),
      Object.fromEntries(members.map(([name, [, decoded]]) => [name, decoded])),
    ]),
  map: fc
    .uniqueArray(fc.tuple(memberName, tie('value')), { selector: ([name]) => name, maxLength: 3 })
    .map((members): Pair => [
      new Map(members.map(([name, [input]]) => [name, input])),
      Object.fromEntries(members.map(([name, [, decoded]]) => [name, decoded])),
    ]),
}));

const methodName = fc.stringMatching(/^[A-Za-z0-9_.:/]{1,30}$/);

describe('xmlrpc/round trips', () => {
  it('a call gives back its method name and every parameter', () => {
    fc.assert(
      fc.property(methodName, fc.array(value, { maxLength: 4 }), (name, pairs) => {
        const body = encodeMethodCall(
          name,
          pairs.map((p) => p[0]),
        );
        assert.deepEqual(decodeMethodCall(body), {
          methodName: name,
          params: pairs.map((p) => p[1]),
        });
        assert.deepEqual(
          decodeMethodCall(Buffer.from(body)).params,
          pairs.map((p) => p[1]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('a response gives back its value', () => {
    fc.assert(
      fc.property(value, ([input, decoded]) => {
        assert.deepEqual(decodeMethodResponse(encodeMethodResponse(input)), {
          kind: 'value',
          value: decoded,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a fault gives back its code and text', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: INT_MIN, max: INT_MAX }),
        xmlText(30),
        (faultCode, faultString) => {
          assert.deepEqual(decodeMethodResponse(encodeFault({ faultCode, faultString })), {
            kind: 'fault',
            fault: { faultCode, faultString },
          });
        },
      ),
    );
  });

  it('keeps 64-bit extremes and the UINT64_MAX sentinel exact', () => {
    const extremes = [I8_MIN, -1n, 0n, 2n ** 53n + 1n, 2n ** 63n - 1n, 2n ** 63n, I8_MAX];
    assert.equal(I8_MAX, 18446744073709551615n);
    assert.deepEqual(decodeMethodResponse(encodeMethodResponse(extremes)), {
      kind: 'value',
      value: extremes,
    });
  });
});
