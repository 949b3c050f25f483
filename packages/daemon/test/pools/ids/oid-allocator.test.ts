import assert from 'node:assert/strict';
import fc from 'fast-check';
import { after, describe, it } from 'mocha';
import { OidAllocator, guardPoolControl, poolControlWrite } from '../../../src/pools/ids/index.js';
import { openDatabase, type Database, type WriteOp } from '../../../src/storage/index.js';
import { LogStore, SoloCommitter } from '../../../src/write-path/index.js';
import { backends } from '../../storage/backends.js';

const sqlite = backends.find((b) => b.name === 'sqlite')!;

async function freshDb(): Promise<Database> {
  const db = await openDatabase(await sqlite.freshConfig());
  await db.createSchema();
  return db;
}

const group = (oid: number): WriteOp => ({
  op: 'insert',
  table: 'group_pool',
  row: {
    oid,
    name: `g${oid}`,
    body: `<GROUP><ID>${oid}</ID></GROUP>`,
    uid: 0,
    gid: 0,
    owner_u: 1,
    group_u: 1,
    other_u: 0,
  },
});

async function lastOid(db: Database, table: string): Promise<number | undefined> {
  const [row] = await db.query('SELECT last_oid FROM pool_control WHERE tablename = ?', [table]);
  return row ? Number(row.last_oid) : undefined;
}

describe('pools/ids/oid-allocator', () => {
  const opened: Database[] = [];
  after(async () => {
    for (const db of opened) await db.close();
  });

  it('continues each pool after its pool_control row, from 0 for a pool without one', async () => {
    const db = await freshDb();
    opened.push(db);
    const log = await LogStore.open(db, { clock: () => 0 });
    await new SoloCommitter({ log, federation: 'STANDALONE' }).commit(
      [poolControlWrite('group_pool', 99)],
      {
        federated: true,
      },
    );
    const oids = await OidAllocator.load(db);
    assert.equal(oids.lastOid('group_pool'), 99);
    assert.deepEqual(await oids.next('group_pool'), {
      oid: 100,
      control: poolControlWrite('group_pool', 100),
    });
    assert.equal((await oids.next('group_pool')).oid, 101);
    assert.equal((await oids.next('vm_pool')).oid, 0);
  });

  it('learns the last ids of entries applied here, and never goes back', async () => {
    const db = await freshDb();
    opened.push(db);
    const oids = await OidAllocator.load(db);
    await oids.next('group_pool'); // 0, handed out here and still in flight
    oids.observe(
      new Map([
        ['group_pool', 41],
        ['vm_pool', 6],
      ]),
    );
    assert.equal((await oids.next('group_pool')).oid, 42);
    assert.equal((await oids.next('vm_pool')).oid, 7);
    oids.observe(new Map([['group_pool', 10]]));
    assert.equal((await oids.next('group_pool')).oid, 43);
  });

  it('refuses ids beyond a 32-bit int', async () => {
    const db = await freshDb();
    opened.push(db);
    const log = await LogStore.open(db, { clock: () => 0 });
    await new SoloCommitter({ log, federation: 'STANDALONE' }).commit(
      [poolControlWrite('vm_pool', 2 ** 31 - 1)],
      {
        federated: false,
      },
    );
    const oids = await OidAllocator.load(db);
    await assert.rejects(oids.next('vm_pool'), { code: 'STORAGE', where: { field: 'vm_pool' } });
  });

  it('never lets pool_control go back, whatever order the entries commit in (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 8 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()], { minLength: n })),
          ),
        async ([n, order]) => {
          const db = await freshDb();
          try {
            const log = await LogStore.open(db, { clock: () => 0 });
            const oids = await OidAllocator.load(db);
            const committer = guardPoolControl(
              new SoloCommitter({ log, federation: 'STANDALONE' }),
              oids,
            );
            const allocations = [];
            for (let i = 0; i < n; i++) allocations.push(await oids.next('group_pool'));
            for (const i of order) {
              const { oid, control } = allocations[i]!;
              await committer.commit([group(oid), control], { federated: true });
              assert.equal(await lastOid(db, 'group_pool'), n - 1);
            }
          } finally {
            await db.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
