import assert from 'node:assert/strict';
import fc from 'fast-check';
import { editDistance } from '../../src/suggest/index.js';

describe('suggest/edit-distance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    assert.equal(editDistance('list', 'list'), 0);
    assert.equal(editDistance('lst', 'list'), 1);
    assert.equal(editDistance('lists', 'list'), 1);
    assert.equal(editDistance('lisk', 'list'), 1);
    assert.equal(editDistance('hepl', 'help'), 1);
    assert.equal(editDistance('', 'show'), 4);
    assert.equal(editDistance('server-add', 'server-del'), 3);
  });

  it('is a distance: zero only for equal strings, symmetric, bounded by the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        assert.equal(d === 0, a === b);
        assert.equal(d, editDistance(b, a));
        assert.ok(d >= Math.abs(a.length - b.length) && d <= Math.max(a.length, b.length));
      }),
    );
  });
});
