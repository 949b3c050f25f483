import assert from 'node:assert/strict';
import fc from 'fast-check';
import { outputFormat, toJson, toYaml } from '../../src/command/output.js';

describe('command/output', () => {
  it('picks the format from the output flags, text by default', () => {
    assert.equal(outputFormat({}), 'text');
    assert.equal(outputFormat({ json: true }), 'json');
    assert.equal(outputFormat({ yaml: true }), 'yaml');
    assert.equal(outputFormat({ xml: true }), 'xml');
  });

  it('writes 64-bit values digit for digit', () => {
    const max = 18446744073709551615n;
    assert.equal(
      toJson({ FED_INDEX: max, LOG: [-1n, 2] }),
      '{\n  "FED_INDEX": 18446744073709551615,\n  "LOG": [\n    -1,\n    2\n  ]\n}\n',
    );
  });

  it('is JSON.stringify with an indent of 2 for values without BigInt (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assert.equal(toJson(value), JSON.stringify(value, null, 2) + '\n');
      }),
    );
    const odd = {
      skipped: undefined,
      fn: () => 1,
      date: new Date(0),
      list: [undefined],
      empty: {},
      none: [],
    };
    assert.equal(toJson(odd), JSON.stringify(odd, null, 2) + '\n');
  });

  it('writes YAML', async () => {
    assert.equal(
      await toYaml({ etc: '/etc/one', ports: [2633] }),
      'etc: /etc/one\nports:\n  - 2633\n',
    );
  });
});
