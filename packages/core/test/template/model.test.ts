import assert from 'node:assert/strict';
import {
  Template,
  compareNames,
  templateEquals,
  vectorValue,
  type VectorPair,
} from '../../src/template/index.js';

function names(t: Template): string[] {
  return t.attributes.map((a) => a.name);
}

describe('template/model', () => {
  it('keeps attributes sorted by name and equal names in insertion order', () => {
    const t = new Template()
      .addSingle('NAME', 'zone')
      .addVector('DISK', { IMAGE: 'first' })
      .addSingle('ENDPOINT', 'http://a:2633/RPC2')
      .addVector('DISK', { IMAGE: 'second' });
    assert.deepEqual(names(t), ['DISK', 'DISK', 'ENDPOINT', 'NAME']);
    assert.deepEqual(
      t.getVectors('DISK').map((v) => vectorValue(v, 'IMAGE')),
      ['first', 'second'],
    );
    assert.equal(t.size, 4);
  });

  it('sorts vector pairs by key and keeps the first of a repeated key', () => {
    const pairs: VectorPair[] = [
      { key: 'TARGET', value: 'vda' },
      { key: 'IMAGE', value: 'first' },
      { key: 'IMAGE', value: 'second' },
      { key: 'A_1', value: '' },
    ];
    const t = new Template().addVector('DISK', pairs);
    assert.deepEqual(t.getVector('DISK')?.pairs, [
      { key: 'A_1', value: '' },
      { key: 'IMAGE', value: 'first' },
      { key: 'TARGET', value: 'vda' },
    ]);
    assert.equal(pairs.length, 4, 'the caller’s list is left alone');
  });

  it('stores copies, so later changes to the added objects do not leak in', () => {
    const single = { kind: 'single' as const, name: 'A', value: '1' };
    const vector = { kind: 'vector' as const, name: 'V', pairs: [{ key: 'K', value: 'v' }] };
    const t = new Template().add(single).add(vector);
    single.value = 'changed';
    vector.pairs[0]!.value = 'changed';
    assert.equal(t.get('A'), '1');
    assert.equal(vectorValue(t.getVector('V'), 'K'), 'v');
  });

  it('finds singles, vectors and everything by name', () => {
    const t = new Template()
      .addVector('X', { K: 'v' })
      .addSingle('X', 'single')
      .addSingle('X', 'second');
    assert.equal(t.get('X'), 'single');
    assert.equal(t.getVector('X')?.pairs.length, 1);
    assert.equal(t.getAll('X').length, 3);
    assert.equal(t.get('MISSING'), undefined);
    assert.equal(t.getVector('MISSING'), undefined);
    assert.deepEqual(t.getVectors('MISSING'), []);
    assert.deepEqual(t.getAll('MISSING'), []);
    assert.equal(vectorValue(undefined, 'K'), undefined);
    assert.equal(vectorValue(t.getVector('X'), 'NOPE'), undefined);
  });

  it('set replaces every attribute of that name; remove drops them all', () => {
    const t = new Template().addSingle('A', '1').addVector('A', {}).addSingle('B', '2');
    t.set('A', '3');
    assert.deepEqual(
      t.attributes.map((a) => [a.name, a.kind]),
      [
        ['A', 'single'],
        ['B', 'single'],
      ],
    );
    assert.equal(t.get('A'), '3');
    t.remove('A').remove('NOT_THERE');
    assert.deepEqual(names(t), ['B']);
  });

  it('getAll returns a list the caller may change without changing the template', () => {
    const t = new Template().addSingle('A', '1');
    t.getAll('A').pop();
    assert.equal(t.get('A'), '1');
  });

  it('clones deeply', () => {
    const t = new Template().addSingle('A', '1').addVector('V', { K: 'v' });
    const copy = t.clone();
    assert.ok(templateEquals(copy, t));
    copy.getVector('V')!.pairs[0]!.value = 'changed';
    copy.set('A', '2');
    assert.equal(vectorValue(t.getVector('V'), 'K'), 'v');
    assert.equal(t.get('A'), '1');
  });

  it('orders names bytewise as UTF-8, i.e. by code point', () => {
    assert.ok(compareNames('A', 'B') < 0);
    assert.ok(compareNames('B', 'A') > 0);
    assert.equal(compareNames('A', 'A'), 0);
    assert.ok(compareNames('A', 'AB') < 0);
    assert.ok(compareNames('Z', '_') < 0);
    assert.ok(compareNames('_', 'a') < 0);
    // U+FFFD is below U+1F600 although its UTF-16 code unit is above the surrogates.
    assert.ok(compareNames('\uFFFD', '\u{1F600}') < 0);
    assert.ok(compareNames('\u{1F600}', '\uFFFD') > 0);
    const t = new Template().addVector('V', { '\u{1F600}': '1', '\uFFFD': '2', Z: '3' });
    assert.deepEqual(
      t.getVector('V')!.pairs.map((p) => p.key),
      ['Z', '\uFFFD', '\u{1F600}'],
    );
  });

  it('compares templates by content, ignoring source positions', () => {
    const a = new Template().add({
      kind: 'single',
      name: 'A',
      value: '1',
      at: { line: 1, column: 1 },
    });
    const b = new Template().addSingle('A', '1');
    assert.ok(templateEquals(a, b));
    assert.ok(!templateEquals(a, new Template().addSingle('A', '2')));
    assert.ok(!templateEquals(a, new Template().addVector('A', {})));
    assert.ok(!templateEquals(a, new Template().addSingle('B', '1')));
    assert.ok(!templateEquals(a, new Template()));
    const v = new Template().addVector('V', { K: '1' });
    assert.ok(templateEquals(v, new Template().addVector('V', [{ key: 'K', value: '1' }])));
    assert.ok(!templateEquals(v, new Template().addVector('V', { K: '2' })));
    assert.ok(!templateEquals(v, new Template().addVector('V', { L: '1' })));
    assert.ok(!templateEquals(v, new Template().addVector('V', { K: '1', L: '1' })));
  });
});
