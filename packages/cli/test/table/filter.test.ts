import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFilters, parseLogicalOperator, passesFilters } from '../../src/table/index.js';

describe('table/filter', () => {
  const columns = ['ID', 'NAME', 'STAT'];

  it('reads COLUMN<op>VALUE with every operator, the longest spelling first', () => {
    assert.deepEqual(
      parseFilters(['name=fe1', 'ID!=0', 'ID<5', 'ID<=5', 'ID>5', 'ID>=5', 'NAME~fe'], columns),
      [
        { column: 'NAME', operator: '=', value: 'fe1' },
        { column: 'ID', operator: '!=', value: '0' },
        { column: 'ID', operator: '<', value: '5' },
        { column: 'ID', operator: '<=', value: '5' },
        { column: 'ID', operator: '>', value: '5' },
        { column: 'ID', operator: '>=', value: '5' },
        { column: 'NAME', operator: '~', value: 'fe' },
      ],
    );
  });

  it('splits at the first operator, so values may contain operators', () => {
    assert.deepEqual(parseFilters(['NAME=a=b'], columns), [
      { column: 'NAME', operator: '=', value: 'a=b' },
    ]);
    assert.deepEqual(parseFilters(['NAME='], columns), [
      { column: 'NAME', operator: '=', value: '' },
    ]);
  });

  it('refuses expressions without an operator, without a column, or on an unknown column', () => {
    for (const bad of ['NAME', '=x', 'NOPE=1']) {
      assert.throws(
        () => parseFilters([bad], columns),
        { code: 'FLAG_INVALID', where: { field: 'filter' } },
        bad,
      );
    }
  });

  it('compares numbers as numbers and other text by code unit', () => {
    const row = (id: string, name: string) =>
      new Map([
        ['ID', id],
        ['NAME', name],
      ]);
    const passes = (expr: string, r: Map<string, string>) =>
      passesFilters(r, parseFilters([expr], columns), 'AND');
    assert.ok(passes('ID>9', row('10', '')));
    assert.ok(passes('ID<=10', row('10', '')));
    assert.ok(passes('ID<1e3', row('999', '')));
    assert.ok(passes('NAME>b', row('', 'c')));
    assert.ok(!passes('NAME<b', row('', 'c')));
    assert.ok(passes('NAME!=fe1', row('', 'fe2')));
  });

  it('reads the logical operator case-insensitively and refuses others', () => {
    assert.equal(parseLogicalOperator(undefined), 'AND');
    assert.equal(parseLogicalOperator('or'), 'OR');
    assert.throws(() => parseLogicalOperator('XOR'), {
      code: 'FLAG_INVALID',
      where: { field: 'operator' },
    });
  });

  it('AND is every filter and OR is any (property)', () => {
    const value = fc.constantFrom('0', '1', '5', '10', 'a', 'fe1', '');
    const expr = fc
      .tuple(
        fc.constantFrom('ID', 'NAME'),
        fc.constantFrom('=', '!=', '<', '<=', '>', '>=', '~'),
        value,
      )
      .map((t) => t.join(''));
    fc.assert(
      fc.property(fc.array(expr, { maxLength: 4 }), value, value, (exprs, id, name) => {
        const filters = parseFilters(exprs, columns);
        const row = new Map([
          ['ID', id],
          ['NAME', name],
        ]);
        const each = filters.map((f) => passesFilters(row, [f], 'AND'));
        assert.equal(passesFilters(row, filters, 'AND'), each.every(Boolean));
        assert.equal(passesFilters(row, filters, 'OR'), filters.length === 0 || each.some(Boolean));
      }),
    );
  });
});
