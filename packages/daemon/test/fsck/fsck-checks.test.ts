import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import type { DaemonCheck } from '../../src/backup/index.js';
import { fsckDatabase, type FsckOptions } from '../../src/fsck/index.js';
import type { DbConfig } from '../../src/storage/index.js';
import { readTables, stoppedDaemon } from '../backup/seed.js';
import { backends } from '../storage/backends.js';
import { corrupt, corruptions, type Corruption } from './corruptions.js';
import { healthyDatabase } from './healthy-database.js';

const clock = () => new Date('2026-03-04T05:06:07Z');
const keys = (problems: readonly { table: string; id: number | string }[]) =>
  new Set(problems.map((p) => `${p.table}:${p.id}`));

for (const backend of backends) {
  describe(`fsck/fsck-database: one case per check (${backend.name})`, function () {
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

    for (const corruption of corruptions) {
      it(`finds and ${corruption.fixable ? 'fixes' : 'reports'} ${corruption.name}`, async () => {
        const db = await damaged([corruption]);
        const before = await readTables(db);
        const dry = await fsck(db, { dry: true });
        assert.deepEqual([...keys(dry.problems)].sort(), [...corruption.expected].sort());
        assert.ok(dry.problems.every((p) => p.fixable === corruption.fixable));
        assert.equal(dry.fixed, 0);
        assert.equal(dry.backup, undefined);
        assert.deepEqual(await readTables(db), before, '--dry changed the database');

        const fixed = await fsck(db);
        assert.deepEqual(keys(fixed.problems), keys(dry.problems));
        assert.equal(fixed.fixed, corruption.fixable ? fixed.problems.length : 0);
        const again = await fsck(db);
        assert.deepEqual(
          [...keys(again.problems)],
          corruption.fixable ? [] : [...corruption.expected],
        );
        if (!corruption.fixable) assert.deepEqual(await readTables(db), before);
      });
    }
  });
}
