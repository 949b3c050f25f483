// commitWrites: writes with nothing to read between them, as one transaction (one round trip
// on MariaDB, where the values are written into the statements): every value comes back
// exactly as it went in, each op says what it matched, and a failing op undoes all of them.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { after, before, beforeEach, describe, it } from 'mocha';
import {
  isDuplicateKey,
  openDatabase,
  UINT64_MAX,
  WritesRefused,
  type Database,
  type WriteOp,
} from '../../src/storage/index.js';
import { backends } from './backends.js';
import { insertDocument } from '../support/documents.js';

const doc = (oid: number, name: string, body?: string): WriteOp =>
  insertDocument(oid, { name, ...(body !== undefined && { body }) });

/** Text a statement could mistake for SQL, if it were ever spliced in as it is. */
const AWKWARD = [
  '',
  "it's",
  'back\\slash\\',
  "\\'; DROP TABLE document_pool; --",
  'nul\0byte',
  'tab\tline\nfeed\r',
  '?',
  '"double" `tick`',
  'ünïcödé ✓ 🐑',
  "_utf8mb4 X'00'",
];

for (const backend of backends) {
  describe(`storage/commitWrites on ${backend.name}`, () => {
    let db: Database;

    before(async () => {
      db = await openDatabase(await backend.freshConfig());
      await db.createSchema();
    });
    after(() => db.close());
    beforeEach(() =>
      db.commitWrites([
        { op: 'delete', table: 'document_pool', where: { uid: 0 } },
        { op: 'delete', table: 'logdb', where: { term: { ge: 0 } } },
      ]),
    );

    const docs = async (): Promise<{ oid: number; name: string; body: string }[]> =>
      (await db.query('SELECT oid, name, body FROM document_pool ORDER BY oid')).map((r) => ({
        oid: Number(r.oid),
        name: String(r.name),
        body: String(r.body),
      }));

    it('runs the writes in order and says what each one matched', async () => {
      const counts = await db.commitWrites([
        doc(1, 'a'),
        doc(2, 'b'),
        doc(3, 'c'),
        {
          op: 'update',
          table: 'document_pool',
          set: { body: '<B/>' },
          where: { oid: { ge: 2 } },
        },
        { op: 'delete', table: 'document_pool', where: { oid: 1 } },
        { op: 'delete', table: 'document_pool', where: { oid: 99 } },
      ]);
      assert.deepEqual(counts, [1, 1, 1, 2, 1, 0]);
      assert.deepEqual(await docs(), [
        { oid: 2, name: 'b', body: '<B/>' },
        { oid: 3, name: 'c', body: '<B/>' },
      ]);
      assert.deepEqual(await db.commitWrites([]), []);
    });

    it('undoes every write when one fails, and the database takes writes again', async () => {
      await db.commitWrites([doc(1, 'a')]);
      await assert.rejects(
        db.commitWrites([doc(2, 'b'), doc(1, 'again'), doc(3, 'c')]),
        (err: { code: string }) => {
          assert.equal(err.code, 'STORAGE');
          assert.ok(err instanceof WritesRefused, 'refused whole: nothing was written');
          assert.ok(isDuplicateKey(err), 'the cause is the duplicate key');
          return true;
        },
      );
      assert.deepEqual(
        (await docs()).map((d) => d.oid),
        [1],
      );
      // The connection that failed is usable again (or was replaced): many more writes.
      for (let oid = 10; oid < 20; oid++) await db.commitWrites([doc(oid, `n${oid}`)]);
      assert.equal((await docs()).length, 11);
    });

    it('stores awkward text exactly, and matches it exactly', async () => {
      await db.commitWrites(AWKWARD.map((text, i) => doc(i + 1, `n${i}`, text)));
      assert.deepEqual(
        (await docs()).map((d) => d.body),
        AWKWARD,
      );
      const matched = await db.commitWrites(
        AWKWARD.map((text) => ({
          op: 'update' as const,
          table: 'document_pool',
          set: { type: 101 },
          where: { body: text },
        })),
      );
      assert.deepEqual(
        matched,
        AWKWARD.map(() => 1),
      );
    });

    it('ends as the same writes one by one would, and fails where they would (property)', async () => {
      // Writes joined into statements of rows and grouped by table must match, refuse and
      // count exactly as the batch's writes run one at a time in a transaction would.
      const oneByOne = await openDatabase(await backend.freshConfig());
      await oneByOne.createSchema();
      const tablesUsed = ['group_pool', 'pool_control', 'document_pool'];
      const state = async (d: Database) => {
        const rows: unknown[] = [];
        for (const t of tablesUsed) {
          const key = t === 'pool_control' ? 'tablename' : 'oid';
          rows.push(t, await d.query(`SELECT * FROM ${t} ORDER BY ${key}`));
        }
        return rows;
      };
      const clear = (d: Database) =>
        d.commitWrites([
          { op: 'delete', table: 'group_pool', where: { oid: { ge: 0 } } },
          { op: 'delete', table: 'pool_control', where: { last_oid: { ge: 0 } } },
          { op: 'delete', table: 'document_pool', where: { oid: { ge: 0 } } },
        ]);
      const oid = fc.integer({ min: 1, max: 4 });
      const name = fc.constantFrom('a', 'b', 'c');
      const group = (kind: 'insert' | 'replace') =>
        fc.record({ oid, name }).map(({ oid: o, name: n }): WriteOp => ({
          op: kind,
          table: 'group_pool',
          row: {
            oid: o,
            name: n,
            body: `<G${o}/>`,
            uid: 0,
            gid: o,
            owner_u: 1,
            group_u: 0,
            other_u: 0,
          },
        }));
      const op: fc.Arbitrary<WriteOp> = fc.oneof(
        group('insert'),
        group('replace'),
        fc
          .record({ t: fc.constantFrom('group_pool', 'user_pool'), n: fc.nat(9) })
          .map(({ t, n }): WriteOp => ({
            op: 'replace',
            table: 'pool_control',
            row: { tablename: t, last_oid: n },
          })),
        oid.map((o): WriteOp => doc(o, `d${o}`)),
        oid.map((o): WriteOp => ({
          op: 'update',
          table: 'group_pool',
          set: { body: '<U/>' },
          where: { oid: { ge: o } },
        })),
        oid.map((o): WriteOp => ({ op: 'delete', table: 'document_pool', where: { oid: o } })),
      );
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
            await clear(db);
            await clear(oneByOne);
            const batched = await db.commitWrites(ops).then(
              (counts) => ({ counts }),
              (err: unknown) => ({ refused: err instanceof WritesRefused }),
            );
            const single = await oneByOne
              .transaction(async (tx) => {
                const counts: number[] = [];
                for (const o of ops) counts.push(await tx.run(o));
                return counts;
              })
              .then(
                (counts) => ({ counts }),
                () => ({ refused: true }),
              );
            assert.deepEqual(batched, single);
            assert.deepEqual(await state(db), await state(oneByOne));
          }),
          { numRuns: 80 },
        );
      } finally {
        await oneByOne.close();
      }
    });

    it('stores any text and any unsigned 64-bit value exactly (property)', async () => {
      let oid = 1000;
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.bigInt({ min: 0n, max: UINT64_MAX }),
          async (text, value) => {
            const id = ++oid;
            await db.commitWrites([
              doc(id, `p${id}`, text),
              {
                op: 'insert',
                table: 'logdb',
                row: {
                  log_index: value,
                  term: 1,
                  sqlcmd: text,
                  timestamp: 0,
                  fed_index: value,
                  applied: 0,
                },
              },
            ]);
            const [row] = await db.query('SELECT body FROM document_pool WHERE oid = ?', [id]);
            assert.equal(row?.body, text);
            const [log] = await db.query(
              'SELECT sqlcmd, fed_index FROM logdb WHERE log_index = ?',
              [value],
            );
            assert.deepEqual(log, { sqlcmd: text, fed_index: value });
            await db.commitWrites([{ op: 'delete', table: 'logdb', where: { log_index: value } }]);
          },
        ),
        { numRuns: 60 },
      );
    });
  });
}
