// TakenNames: a free name costs no read, a name in use is found in the table, and the
// answer is never "free" where the database's own lookup finds the name.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'mocha';
import { foldName, TakenNames } from '../../../src/pools/names/taken-names.js';
import {
  openDatabase,
  type Database,
  type Row,
  type SqlValue,
  type StorageReader,
  type WriteOp,
} from '../../../src/storage/index.js';
import { backends } from '../../storage/backends.js';

const group = (oid: number, name: string): WriteOp => ({
  op: 'insert',
  table: 'group_pool',
  row: { oid, name, body: '<GROUP/>', uid: 0, gid: 0, owner_u: 1, group_u: 1, other_u: 0 },
});

/** The database's reads, counted. */
class CountingReader implements StorageReader {
  reads = 0;
  constructor(private readonly db: Database) {}
  get backend() {
    return this.db.backend;
  }
  query(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    this.reads++;
    return this.db.query(sql, params);
  }
}

describe('pools/names/taken-names: folding', () => {
  it('folds case, accents and trailing spaces, and nothing else', () => {
    assert.equal(foldName('Álpha  '), foldName('alpha'));
    assert.equal(foldName('ıi'), foldName('II'));
    assert.notEqual(foldName('alpha'), foldName('alpha2'));
    assert.notEqual(foldName(' alpha'), foldName('alpha'));
  });
});

for (const backend of backends) {
  describe(`pools/names/taken-names on ${backend.name}`, () => {
    let db: Database;
    let reader: CountingReader;
    let names: TakenNames;

    beforeEach(async () => {
      db = await openDatabase(await backend.freshConfig());
      await db.createSchema();
      await db.commitWrites([group(100, 'alpha')]);
      reader = new CountingReader(db);
      names = new TakenNames(reader);
    });
    afterEach(() => db.close());

    it('reads the names once, then answers a free name without reading', async () => {
      assert.equal(await names.holder('group_pool', 'beta'), undefined);
      assert.equal(reader.reads, 1);
      assert.equal(await names.holder('group_pool', 'gamma'), undefined);
      assert.equal(await names.holder('user_pool', 'alpha'), undefined, 'another pool');
      assert.equal(reader.reads, 2, 'one load per pool');
      assert.equal(await names.holder('group_pool', 'alpha'), 100);
      assert.equal(reader.reads, 3, 'a name in use is looked up');
    });

    it('learns applied names, and lets the table say when one was freed', async () => {
      assert.equal(await names.holder('group_pool', 'beta'), undefined);
      const writes: WriteOp[] = [
        group(101, 'beta'),
        { op: 'update', table: 'group_pool', set: { name: 'delta' }, where: { oid: 100 } },
      ];
      await db.commitWrites(writes);
      names.learn(writes);
      assert.equal(await names.holder('group_pool', 'beta'), 101);
      assert.equal(await names.holder('group_pool', 'delta'), 100);
      assert.equal(await names.holder('group_pool', 'alpha'), undefined, 'renamed away');
      const gone: WriteOp = { op: 'delete', table: 'group_pool', where: { oid: 101 } };
      await db.commitWrites([gone]);
      names.learn([gone]);
      assert.equal(await names.holder('group_pool', 'beta'), undefined);
    });

    it('never says free where the database finds the name', async () => {
      const variants = ['alpha', 'ALPHA', 'Alpha', 'álpha', 'alpha ', 'alpha2', ' alpha', 'alph'];
      for (const name of variants) {
        const [row] = await db.query('SELECT oid FROM group_pool WHERE name = ?', [name]);
        const expected = row ? Number(row.oid) : undefined;
        assert.equal(await names.holder('group_pool', name), expected, name);
      }
    });
  });
}
