import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { ONEKIT_VERSION, compareVersions } from '../../src/version/index.js';

describe('version/versions', () => {
  it("matches the daemon package's version", () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    assert.equal(ONEKIT_VERSION, pkg.version);
  });

  it('orders versions part by part, numerically', () => {
    assert.ok(compareVersions('7.10.0', '7.6.0') > 0);
    assert.ok(compareVersions('5.12.0', '7.6.0') < 0);
    assert.equal(compareVersions('7.6', '7.6.0'), 0);
    assert.ok(compareVersions('4.5.80', '4.6.0') < 0);
  });

  it('is antisymmetric and agrees with numeric tuples (property)', () => {
    const parts = fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        const x = a.join('.');
        const y = b.join('.');
        // `+ 0` folds -0 into 0: equal versions compare as 0 both ways.
        assert.equal(Math.sign(compareVersions(x, y)), -Math.sign(compareVersions(y, x)) + 0);
        const pad = (p: number[]) => [...p, ...Array(4 - p.length).fill(0)];
        const expected = pad(a).findIndex((n, i) => n !== pad(b)[i]!);
        const sign = expected < 0 ? 0 : Math.sign(pad(a)[expected]! - pad(b)[expected]!);
        assert.equal(Math.sign(compareVersions(x, y)), sign);
      }),
    );
  });
});
