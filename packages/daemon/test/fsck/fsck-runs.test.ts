import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { after, before, describe, it } from 'mocha';
import type { DaemonCheck } from '../../src/backup/index.js';
import { fsckDatabase, type FsckOptions } from '../../src/fsck/index.js';
import type { DbConfig } from '../../src/storage/index.js';
import { stoppedDaemon } from '../backup/seed.js';
import { backends } from '../storage/backends.js';
import { corrupt, corruptions, type Corruption } from './corruptions.js';
import { healthyDatabase } from './healthy-database.js';

const clock = () => new Date('2026-03-04T05:06:07Z');
const keys = (problems: readonly { table: string; id: number | string }[]) =>
  new Set(problems.map((p) => `${p.table}:${p.id}`));

for (const backend of backends) {
  describe(`fsck/fsck-database: runs (${backend.name})`, function () {
    this.timeout(60_000);
    let dir: string;
    let daemon: DaemonCheck;
    let counter = 0;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'onekit-fsck-'));
      daemon = await stoppedDaemon(dir);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    const fsck = (db: DbConfig, o: Partial<FsckOptions> = {}) =>
      fsckDatabase({
        db,
        dry: false,
        federation: 'STANDALONE',
        backup: { file: join(dir, `${++counter}.bck`), force: false },
        daemon,
        clock,
        ...o,
      });

    async function damaged(chosen: readonly Corruption[]): Promise<DbConfig> {
      const db = await backend.freshConfig();
      await healthyDatabase(db);
      await corrupt(db, chosen);
      return db;
    }

    it('finds nothing in a healthy database, and backs it up first', async () => {
      const db = await damaged([]);
      const result = await fsck(db);
      assert.deepEqual(result.problems, []);
      assert.equal(result.fixed, 0);
      assert.ok(result.backup?.endsWith('.bck'));
    });

    it('prints problems one per line in oned style', async () => {
      const db = await damaged(corruptions.filter((c) => c.expected[0] === 'group_pool:1'));
      const { problems } = await fsck(db, { dry: true });
      assert.deepEqual(
        problems.map((p) => p.message),
        ['Group 1 is missing user 3 in its member list'],
      );
    });

    it('sets fed_index of federated records by FEDERATION/MODE', async () => {
      const db = await damaged([]);
      const master = await fsck(db, { dry: true, federation: 'MASTER' });
      assert.deepEqual([...keys(master.problems)], ['logdb:2', 'logdb:3']);
      await fsck(db, { federation: 'MASTER' });
      assert.deepEqual((await fsck(db, { federation: 'MASTER' })).problems, []);
      const slave = await fsck(db, { dry: true, federation: 'SLAVE' });
      assert.deepEqual(slave.problems, []);
      assert.deepEqual([...keys((await fsck(db, { dry: true })).problems)], ['logdb:2', 'logdb:3']);
    });

    it('finds every problem of a random set, and a second run finds none', async () => {
      const fixable = corruptions.filter((c) => c.fixable);
      await fc.assert(
        fc.asyncProperty(fc.subarray(fixable, { minLength: 1 }), async (chosen) => {
          const db = await damaged(chosen);
          const found = keys((await fsck(db)).problems);
          for (const key of chosen.flatMap((c) => c.expected)) assert.ok(found.has(key), key);
          assert.deepEqual((await fsck(db)).problems, []);
        }),
        { numRuns: backend.name === 'sqlite' ? 8 : 4 },
      );
    });
  });
}
