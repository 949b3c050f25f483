// How commitWrites groups a batch into statements: each table's writes in their order,
// consecutive rows of one shape as one statement, updates and deletes on their own.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { WriteOp } from '../../src/storage/index.js';
import {
  batchCounts,
  compileBatch,
  MAX_ROWS_PER_STATEMENT,
} from '../../src/storage/write-batch.js';
import { insertDocument } from '../support/documents.js';

const quote = (name: string) => `"${name}"`;
const control = (lastOid: number): WriteOp => ({
  op: 'replace',
  table: 'pool_control',
  row: { tablename: 'document_pool', last_oid: lastOid },
});
const mark: WriteOp = {
  op: 'update',
  table: 'logdb',
  set: { applied: 1 },
  where: { log_index: { ge: 1, le: 3 } },
};

describe('storage/write-batch', () => {
  it('runs a batch of allocations as one statement per table and kind', () => {
    const ops = [
      insertDocument(1),
      control(1),
      insertDocument(2),
      control(2),
      insertDocument(3),
      control(3),
      mark,
    ];
    const statements = compileBatch(ops, quote);
    assert.deepEqual(
      statements.map((s) => s.ops),
      [[0, 2, 4], [1, 3, 5], [6]],
    );
    assert.match(
      statements[0]!.sql,
      /^INSERT INTO "document_pool" \(.*\) VALUES \(.*\), \(.*\), \(.*\)$/,
    );
    assert.match(
      statements[1]!.sql,
      /^REPLACE INTO "pool_control" \("tablename", "last_oid"\) VALUES \(\?, \?\), \(\?, \?\), \(\?, \?\)$/,
    );
    assert.deepEqual(statements[1]!.params, [
      'document_pool',
      1,
      'document_pool',
      2,
      'document_pool',
      3,
    ]);
    assert.deepEqual(batchCounts(ops, statements, [3, 3, 2]), [1, 1, 1, 1, 1, 1, 2]);
  });

  it('keeps each table in order and breaks a run at any other write to the table', () => {
    const del: WriteOp = { op: 'delete', table: 'document_pool', where: { oid: 1 } };
    const ops = [insertDocument(1), del, insertDocument(1), insertDocument(2), mark];
    const statements = compileBatch(ops, quote);
    assert.deepEqual(
      statements.map((s) => s.ops),
      [[0], [1], [2, 3], [4]],
    );
    assert.deepEqual(batchCounts(ops, statements, [1, 1, 2, 0]), [1, 1, 1, 1, 0]);
  });

  it('does not join rows that name other columns, or other kinds of write', () => {
    const other: WriteOp = {
      op: 'insert',
      table: 'document_pool',
      row: {
        name: 'x',
        oid: 9,
        body: '',
        type: 1,
        uid: 0,
        gid: 0,
        owner_u: 1,
        group_u: 0,
        other_u: 0,
      },
    };
    const replace: WriteOp = { ...insertDocument(4), op: 'replace' } as WriteOp;
    const statements = compileBatch([insertDocument(1), other, replace, insertDocument(5)], quote);
    assert.deepEqual(
      statements.map((s) => s.ops),
      [[0], [1], [2], [3]],
    );
  });

  it(`puts at most ${MAX_ROWS_PER_STATEMENT} rows in one statement`, () => {
    const ops = Array.from({ length: MAX_ROWS_PER_STATEMENT * 2 + 1 }, (_, i) => insertDocument(i));
    assert.deepEqual(
      compileBatch(ops, quote).map((s) => s.ops.length),
      [MAX_ROWS_PER_STATEMENT, MAX_ROWS_PER_STATEMENT, 1],
    );
  });

  it('checks every row of a statement against the schema, as single writes are', () => {
    const withUnknownColumn = (oid: number): WriteOp => {
      const { row } = insertDocument(oid) as { row: Record<string, unknown> };
      return { op: 'insert', table: 'document_pool', row: { ...row, nope: 1 } } as WriteOp;
    };
    assert.throws(
      () => compileBatch([withUnknownColumn(1), withUnknownColumn(2)], quote),
      /document_pool has no column nope/,
    );
  });
});
