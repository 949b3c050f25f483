import assert from 'node:assert/strict';
import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import type { SqlValue, WriteOp } from '../../src/storage/index.js';
import { decodeSqlcmd, encodeSqlcmd } from '../../src/write-path/index.js';

const value: fc.Arbitrary<SqlValue> = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
  fc.boolean(),
  fc.constant(null),
);
const column = fc.constantFrom('oid', 'name', 'body', 'uid', 'gid', '$bigint', 'ne');
const values = fc.dictionary(column, value, { minKeys: 1, noNullPrototype: true });
const condition = fc.oneof(
  value,
  fc.record({ lt: value }, { noNullPrototype: true }),
  fc.record({ ne: value }, { noNullPrototype: true }),
  fc.record({ ge: value }, { noNullPrototype: true }),
  fc.record({ gt: value, le: value }, { noNullPrototype: true }),
);
const op: fc.Arbitrary<WriteOp> = fc.oneof(
  fc.record(
    { op: fc.constantFrom('insert' as const, 'replace' as const), table: fc.string(), row: values },
    { noNullPrototype: true },
  ),
  fc.record(
    {
      op: fc.constant('update' as const),
      table: fc.string(),
      set: values,
      where: fc.dictionary(column, condition, { noNullPrototype: true }),
    },
    { noNullPrototype: true },
  ),
  fc.record(
    {
      op: fc.constant('delete' as const),
      table: fc.string(),
      where: fc.dictionary(column, condition, { noNullPrototype: true }),
    },
    { noNullPrototype: true },
  ),
);

describe('write-path/sqlcmd', () => {
  it('decodes what it encodes (property)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 5 }), (ops) => {
        assert.deepEqual(decodeSqlcmd(encodeSqlcmd(ops)), ops);
      }),
    );
  });

  it("stores oned's way: a zlib stream in base64 without line breaks", () => {
    const ops: WriteOp[] = [
      { op: 'delete', table: 'vm_pool', where: { oid: 7, state: { ne: 6 } } },
    ];
    const sqlcmd = encodeSqlcmd(ops);
    assert.match(sqlcmd, /^[A-Za-z0-9+/]+=*$/);
    const json = JSON.parse(inflateSync(Buffer.from(sqlcmd, 'base64')).toString());
    assert.deepEqual(json, { v: 1, ops });
  });

  it('refuses text that is not an encoded batch', () => {
    for (const bad of ['not base64 zlib', encodeSqlcmd([]).slice(0, 6)]) {
      assert.throws(() => decodeSqlcmd(bad), { code: 'STORAGE', where: { field: 'sqlcmd' } });
    }
    const wrap = (json: unknown): string => deflateSync(JSON.stringify(json)).toString('base64');
    for (const json of [
      { v: 2, ops: [] },
      { v: 1, ops: [{ op: 'merge', table: 't' }] },
      { v: 1, ops: [{ op: 'insert', table: 't', row: { a: [1] } }] },
      { v: 1, ops: [{ op: 'insert', table: 't', row: { a: { $bigint: '1e3' } } }] },
      { v: 1, ops: [{ op: 'delete', table: 't' }] },
    ]) {
      assert.throws(
        () => decodeSqlcmd(wrap(json)),
        { code: 'STORAGE', where: { field: 'sqlcmd' } },
        JSON.stringify(json),
      );
    }
  });
});
