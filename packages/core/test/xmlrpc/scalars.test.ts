import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  formatDateTime,
  formatDouble,
  parseBase64,
  parseBoolean,
  parseDateTime,
  parseDouble,
  parseInt32,
  parseInt64,
} from '../../src/xmlrpc/scalars.js';

describe('xmlrpc/scalars', () => {
  it('parses 32-bit integers, with sign, leading zeros and surrounding white space', () => {
    assert.equal(parseInt32(' 42\n'), 42);
    assert.equal(parseInt32('+007'), 7);
    assert.equal(parseInt32('-2147483648'), -(2 ** 31));
    assert.equal(parseInt32('2147483647'), 2 ** 31 - 1);
    for (const bad of ['2147483648', '-2147483649', '', '-', '1.0', '1e3', '0x10', '١', ' 1 2']) {
      assert.equal(parseInt32(bad), undefined, bad);
    }
  });

  it('parses 64-bit integers from INT64_MIN to UINT64_MAX', () => {
    assert.equal(parseInt64('18446744073709551615'), 18446744073709551615n);
    assert.equal(parseInt64('-9223372036854775808'), -(2n ** 63n));
    assert.equal(parseInt64('-0000000000000000000000000001'), -1n);
    assert.equal(parseInt64('18446744073709551616'), undefined);
    assert.equal(parseInt64('-9223372036854775809'), undefined);
    assert.equal(parseInt64('9'.repeat(100_000)), undefined);
    assert.equal(parseInt64('1.5'), undefined);
  });

  it('parses booleans as 0 and 1 only', () => {
    assert.equal(parseBoolean('1'), true);
    assert.equal(parseBoolean(' 0 '), false);
    assert.equal(parseBoolean('true'), undefined);
    assert.equal(parseBoolean('2'), undefined);
  });

  it('parses decimal doubles with or without exponent, and refuses the rest', () => {
    assert.equal(parseDouble('1.5'), 1.5);
    assert.equal(parseDouble('-.5'), -0.5);
    assert.equal(parseDouble('3.'), 3);
    assert.equal(parseDouble('1e+100'), 1e100);
    assert.equal(parseDouble('2.5E-3'), 0.0025);
    for (const bad of [
      '',
      '.',
      'e5',
      '1e',
      '1e+',
      '1.2.3',
      'inf',
      'nan',
      'NaN',
      '1e999',
      '0x1',
      '1_0',
      '--1',
    ]) {
      assert.equal(parseDouble(bad), undefined, bad);
    }
  });

  it('writes doubles without exponent, and they parse back exactly', () => {
    assert.equal(formatDouble(1e21), '1000000000000000000000');
    assert.equal(formatDouble(1.5e-7), '0.00000015');
    assert.equal(formatDouble(-1.25e22), '-12500000000000000000000');
    assert.equal(formatDouble(-0), '-0');
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = formatDouble(x);
        assert.doesNotMatch(text, /e/i);
        assert.ok(Object.is(parseDouble(text), x), text);
      }),
    );
  });

  it('parses the dateTime forms senders use', () => {
    const at = Date.UTC(1998, 6, 17, 14, 8, 55);
    assert.equal(parseDateTime('19980717T14:08:55')?.getTime(), at);
    assert.equal(parseDateTime('1998-07-17T14:08:55Z')?.getTime(), at);
    assert.equal(parseDateTime('1998-07-17T16:08:55+02:00')?.getTime(), at);
    assert.equal(parseDateTime('19980717T09:38:55-0430')?.getTime(), at);
    assert.equal(parseDateTime('19980717T14:08:55.250')?.getTime(), at + 250);
    assert.equal(parseDateTime('00040229T00:00:00')?.getUTCFullYear(), 4);
    for (const bad of [
      '19980732T00:00:00',
      '19980229T00:00:00',
      '19980717T24:00:00',
      '19980717',
      '1998071T14:08:55',
      `19980717T14:08:55${'0'.repeat(60)}`,
    ]) {
      assert.equal(parseDateTime(bad), undefined, bad);
    }
  });

  it('writes dateTime in the XML-RPC form, with milliseconds only when present', () => {
    assert.equal(formatDateTime(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))), '20240102T03:04:05');
    assert.equal(
      formatDateTime(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 7))),
      '20240102T03:04:05.007',
    );
    assert.equal(formatDateTime(new Date(Date.UTC(10000, 0, 1))), undefined);
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          assert.equal(parseDateTime(formatDateTime(d)!)?.getTime(), d.getTime());
        },
      ),
    );
  });

  it('parses base64, also split into lines, and refuses malformed data', () => {
    assert.deepEqual(parseBase64('aGVs\nbG8=\n'), Buffer.from('hello'));
    assert.deepEqual(parseBase64(''), Buffer.alloc(0));
    for (const bad of ['aGVsbG8', 'aGV$bG8=', 'a=GV', '===='])
      assert.equal(parseBase64(bad), undefined, bad);
  });
});
