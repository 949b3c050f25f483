import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { keyBounds, rangeConditions } from '../../src/backup/table-slices.js';

/** Which of the ranges `bounds` cut the keys into holds `key`. */
const rangeOf = (bounds: readonly bigint[], key: bigint) => bounds.filter((b) => key >= b).length;

describe('backup/table slices', () => {
  it('cuts the keys into ranges of about equal spans, none empty, that cover them all', () => {
    const key = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n });
    fc.assert(
      fc.property(key, key, fc.integer({ min: 1, max: 8 }), (a, b, count) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const bounds = keyBounds(min, max, count);
        const span = max - min + 1n;
        assert.equal(bounds.length, Number(span < BigInt(count) ? span : BigInt(count)) - 1);
        // Strictly increasing, inside (min, max]: every range holds at least one key.
        let previous = min;
        for (const bound of bounds) {
          assert.ok(bound > previous && bound <= max, `${bound} after ${previous}`);
          previous = bound;
        }
        // The spans differ by one key at most.
        const ends = [min, ...bounds, max + 1n];
        const spans = ends.slice(1).map((end, i) => end - ends[i]!);
        const [low, high] = [
          spans.reduce((x, y) => (x < y ? x : y)),
          spans.reduce((x, y) => (x > y ? x : y)),
        ];
        assert.ok(high - low <= 1n, spans.join(','));
        assert.equal(rangeOf(bounds, min), 0);
        assert.equal(rangeOf(bounds, max), bounds.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('writes a condition per range, open at both ends', () => {
    assert.deepEqual(rangeConditions('`k`', []), ['']);
    assert.deepEqual(rangeConditions('`k`', [10n, 2n ** 64n - 5n]), [
      '`k` < 10',
      '`k` >= 10 AND `k` < 18446744073709551611',
      '`k` >= 18446744073709551611',
    ]);
  });
});
