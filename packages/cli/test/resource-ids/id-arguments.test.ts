import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  maxRangeSize,
  nameToId,
  oncePool,
  parseIdList,
  parseRange,
  resolveId,
  resolveIds,
  type NamedObject,
} from '../../src/resource-ids/index.js';

const zones: NamedObject[] = [
  { id: 0, name: 'OpenNebula' },
  { id: 100, name: 'east' },
  { id: 101, name: 'twin' },
  { id: 102, name: 'twin' },
];

describe('resource-ids/id-arguments', () => {
  it('reads ranges as upstream does: ids and spans, blanks ignored, each id once', () => {
    assert.deepEqual(parseRange('1,8..11'), [1, 8, 9, 10, 11]);
    assert.deepEqual(parseRange(' 3 , 1..3 '), [3, 1, 2]);
    assert.deepEqual(parseRange('5..3'), []);
    assert.deepEqual(parseRange('7'), [7]);
    for (const text of ['', 'east', '1,east', '1..', '..2', '1,,2', '1...3', '-1', '1.5']) {
      assert.equal(parseRange(text), undefined, text);
    }
  });

  it('refuses spans too large to expand', () => {
    assert.throws(() => parseRange(`0..${maxRangeSize}`), {
      code: 'FLAG_INVALID',
      where: { field: 'range' },
    });
  });

  it('gives every id of the spans, in order, each once (property)', () => {
    const span = fc.tuple(fc.nat(300), fc.nat(20)).map(([a, n]) => [a, a + n] as const);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.nat(300).map((n) => [n, n] as const),
            span,
          ),
          { minLength: 1 },
        ),
        (parts) => {
          const text = parts.map(([a, b]) => (a === b ? String(a) : `${a}..${b}`)).join(',');
          const expected: number[] = [];
          for (const [a, b] of parts)
            for (let id = a; id <= b; id++) if (!expected.includes(id)) expected.push(id);
          assert.deepEqual(parseRange(text), expected);
        },
      ),
    );
  });

  it('reads lists of ids and names', () => {
    assert.deepEqual(parseIdList('0,east,12'), [0, 'east', 12]);
    assert.deepEqual(parseIdList('1..3'), ['1..3']);
  });

  it('resolves names with upstream messages for none and several', () => {
    assert.equal(nameToId('east', zones, 'ZONE'), 100);
    assert.throws(() => nameToId('west', zones, 'ZONE'), {
      code: 'OBJECT_NAME',
      message: 'ZONE named west not found.',
      where: { field: 'west' },
    });
    assert.throws(() => nameToId('twin', zones, 'ZONE'), {
      code: 'OBJECT_NAME',
      message: 'There are multiple ZONEs with name twin.',
    });
  });

  it('reads the pool only when a name needs it, and once', async () => {
    let reads = 0;
    const pool = oncePool(async () => {
      reads++;
      return zones;
    });
    assert.equal(await resolveId('17', 'ZONE', pool), 17);
    assert.deepEqual(await resolveIds('1,4..5', 'ZONE', pool), [1, 4, 5]);
    assert.deepEqual(await resolveIds('3,7', 'ZONE', pool), [3, 7]);
    assert.equal(reads, 0);
    assert.equal(await resolveId('OpenNebula', 'ZONE', pool), 0);
    assert.deepEqual(await resolveIds('east,0,OpenNebula', 'ZONE', pool), [100, 0, 0]);
    assert.equal(reads, 1);
  });
});
