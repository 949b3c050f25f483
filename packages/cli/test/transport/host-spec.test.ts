import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatHostSpec, parseHostSpec, type HostSpec } from '../../src/transport/host-spec.js';

const field = 'host';

describe('transport/host-spec', () => {
  it('reads HOST, HOST:PORT and IPv6 addresses, bare or in brackets', () => {
    const cases: [string, HostSpec][] = [
      ['fe2', { host: 'fe2' }],
      ['fe2.example.org:2222', { host: 'fe2.example.org', port: 2222 }],
      ['127.0.0.3:22', { host: '127.0.0.3', port: 22 }],
      ['10.0.0.2:65535', { host: '10.0.0.2', port: 65535 }],
      ['fe80::1', { host: 'fe80::1' }],
      ['[fe80::1]', { host: 'fe80::1' }],
      ['[fe80::1]:2635', { host: 'fe80::1', port: 2635 }],
    ];
    for (const [spec, want] of cases) assert.deepEqual(parseHostSpec(spec, { field }), want, spec);
  });

  it('refuses an empty host or a port that is not one, naming the field', () => {
    for (const spec of [
      '',
      ':22',
      'fe2:',
      'fe2:0',
      'fe2:65536',
      'fe2:ssh',
      'fe2:22x',
      'fe2:-1',
      'fe2: 22',
      '[]:22',
      '[fe80::1]:',
      '[fe80::1]:x',
      'a b',
      '/srv/one',
    ]) {
      assert.throws(
        () => parseHostSpec(spec, { field: 'from' }),
        { code: 'FLAG_INVALID', where: { field: 'from' } },
        JSON.stringify(spec),
      );
    }
  });

  it('prints what it reads back, with brackets only around an IPv6 address with a port', () => {
    assert.equal(formatHostSpec({ host: '127.0.0.3' }), '127.0.0.3');
    assert.equal(formatHostSpec({ host: '127.0.0.3', port: 2222 }), '127.0.0.3:2222');
    assert.equal(formatHostSpec({ host: 'fe80::1', port: 2222 }), '[fe80::1]:2222');
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,20}$/);
    const ipv6 = fc.ipV6();
    const port = fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined });
    fc.assert(
      fc.property(fc.oneof(name, ipv6), port, (host, p) => {
        const spec: HostSpec = p === undefined ? { host } : { host, port: p };
        assert.deepEqual(parseHostSpec(formatHostSpec(spec), { field }), spec);
      }),
    );
  });
});
