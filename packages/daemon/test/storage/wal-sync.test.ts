// SQLite commits made durable off the main thread: a 'full' transaction resolves only once
// an fdatasync of the -wal file that began after its commit has ended; commits made while a
// sync runs share the next one; a 'deferred' one waits for none; a failed sync fails the
// transaction. fs.fdatasync is held by the test, so that the order can be seen.
import assert from 'node:assert/strict';
import fs, { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'mocha';
import { openDatabase, UINT64_MAX, type Database, type WriteOp } from '../../src/storage/index.js';
import { encodeSqlcmd, LogStore } from '../../src/write-path/index.js';
import { insertDocument } from '../support/documents.js';

const doc = (oid: number): WriteOp => insertDocument(oid);

interface HeldSync {
  readonly file: string;
  readonly release: (err?: NodeJS.ErrnoException) => void;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Whether `promise` has settled by now. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await tick();
  return done;
}

describe('storage/sqlite durability off the main thread', () => {
  const original = fs.fdatasync;
  let held: HeldSync[];
  let dir: string;
  let db: Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-wal-'));
    db = await openDatabase({ backend: 'sqlite', file: join(dir, 'one.db') });
    await db.createSchema();
    held = [];
    holdSyncs(true);
  });

  /** Whether fs.fdatasync is held by the test (true) or done (false). */
  function holdSyncs(hold: boolean): void {
    (fs as { fdatasync: unknown }).fdatasync = hold
      ? (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => {
          const file = readlinkSync(`/proc/self/fd/${fd}`);
          held.push({ file, release: (err) => done(err ?? null) });
        }
      : original;
  }

  afterEach(async () => {
    holdSyncs(false);
    for (const sync of held) sync.release();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves a full transaction once a sync of the WAL after its commit has ended', async () => {
    const commit = db.commitWrites([doc(1)]);
    while (held.length === 0) await tick();
    assert.equal(held[0]!.file, join(dir, 'one.db-wal'));
    assert.equal(await settled(commit), false, 'resolved before the sync ended');
    // Committed already: a reader sees it while the sync runs.
    assert.equal((await db.query('SELECT oid FROM document_pool')).length, 1);
    held[0]!.release();
    assert.deepEqual(await commit, [1]);
  });

  it('lets the commits made while a sync runs share the next one', async () => {
    const first = db.commitWrites([doc(1)]);
    while (held.length === 0) await tick();
    const later = [db.commitWrites([doc(2)]), db.commitWrites([doc(3)])];
    for (let i = 0; i < 5; i++) await tick();
    assert.equal(held.length, 1, 'a second sync began before the first ended');
    assert.equal((await db.query('SELECT oid FROM document_pool')).length, 3);
    held[0]!.release();
    await first;
    while (held.length === 1) await tick();
    assert.equal(await settled(Promise.all(later)), false, 'resolved before their own sync');
    held[1]!.release();
    await Promise.all(later);
    assert.equal(held.length, 2);
  });

  it('waits for no sync for a deferred transaction', async () => {
    await db.commitWrites([doc(1)], { durability: 'deferred' });
    assert.equal(held.length, 0);
  });

  it('stops a Raft Ready at a failed sync: its writes are not done a second time', async () => {
    holdSyncs(false);
    const log = await LogStore.open(db, { clock: () => 0 });
    holdSyncs(true);
    const entry = { index: 1n, term: 1, fedIndex: UINT64_MAX, sqlcmd: encodeSqlcmd([doc(1)]) };
    const ready = log.persistReady({ entries: [entry], applyTo: 1n, committed: [entry] });
    while (held.length === 0) await tick();
    held[0]!.release(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    await assert.rejects(ready, { code: 'STORAGE', message: /could not be made durable/ });
  });

  it('fails the transaction when the sync fails', async () => {
    const commit = db.commitWrites([doc(1)]);
    while (held.length === 0) await tick();
    held[0]!.release(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    await assert.rejects(commit, { code: 'STORAGE', message: /could not be made durable/ });
  });
});
