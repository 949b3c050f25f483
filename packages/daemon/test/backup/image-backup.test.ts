import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { after, before, describe, it } from 'mocha';
import { readBackup, restoreBackup, takeBackup, type DaemonCheck } from '../../src/backup/index.js';
import {
  decodeTrailer,
  encodeTrailer,
  factsBytes,
  parseFacts,
  TRAILER_BYTES,
} from '../../src/backup/image-trailer.js';
import { openImageSnapshot } from '../../src/backup/image-snapshot.js';
import { openDatabase, type DbConfig, type SqliteConfig } from '../../src/storage/index.js';
import { readTables, seedDatabase, stoppedDaemon } from './seed.js';

const clock = () => new Date('2026-03-04T05:06:07Z');

/** The parts of a version 2 backup. */
function split(bytes: Buffer, file: string) {
  const trailer = decodeTrailer(bytes.subarray(-TRAILER_BYTES), { file, fileBytes: bytes.length });
  const image = bytes.subarray(0, trailer.imageBytes);
  const facts = parseFacts(bytes.subarray(trailer.imageBytes, -TRAILER_BYTES), file);
  return { trailer, image, facts };
}

/** A backup of `image` and `facts` whose trailer matches them: only the checks inside tell. */
function rebuilt(image: Buffer, facts: ReturnType<typeof split>['facts']): Buffer {
  const tail = factsBytes(facts);
  const sha256 = createHash('sha256').update(image).update(tail).digest('hex');
  const trailer = encodeTrailer({ imageBytes: image.length, factsBytes: tail.length, sha256 });
  return Buffer.concat([image, tail, trailer]);
}

async function addUser(db: DbConfig, oid: number): Promise<void> {
  const database = await openDatabase(db);
  try {
    await database.transaction(async (tx) => {
      await tx.run({
        op: 'insert',
        table: 'user_pool',
        row: {
          oid,
          name: `late-${oid}`,
          body: '<USER/>',
          uid: 0,
          gid: 0,
          owner_u: 1,
          group_u: 0,
          other_u: 0,
        },
      });
    });
  } finally {
    await database.close();
  }
}

describe('backup/page image backups of SQLite', function () {
  this.timeout(60_000);
  let dir: string;
  let daemon: DaemonCheck;
  let counter = 0;
  const newDb = (): SqliteConfig => ({ backend: 'sqlite', file: join(dir, `${++counter}.db`) });
  const newFile = (name: string) => join(dir, `${++counter}-${name}`);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-image-backup-'));
    daemon = await stoppedDaemon(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const restore = (file: string, db: DbConfig, o: { force?: boolean } = {}) =>
    restoreBackup({ file, db, force: false, federated: false, daemon, ...o });

  it('refuses a truncated or damaged image, naming what is wrong, and leaves the live database untouched', async () => {
    const source = newDb();
    await seedDatabase(source, { tag: 'a', firstLogIndex: 0 });
    const good = newFile('good.bck');
    await takeBackup({ db: source, file: good, force: false, kind: 'full', clock });
    const bytes = readFileSync(good);
    const { image, facts } = split(bytes, good);

    const target = newDb();
    await seedDatabase(target, { tag: 'b', firstLogIndex: 100 });
    const before = await readTables(target);

    const flipped = (at: number, bits = 0x20) => {
      const copy = Buffer.from(bytes);
      copy[at]! ^= bits;
      return copy;
    };
    const zeroedPage = Buffer.from(image);
    zeroedPage.fill(0, 4096 + 16, 4096 * 2);
    const cases: [string, Buffer, string][] = [
      ['truncated', bytes.subarray(0, Math.floor(bytes.length * 0.6)), 'end'],
      ['without its last byte', bytes.subarray(0, -1), 'end'],
      ['with a byte more', Buffer.concat([bytes, Buffer.from([0])]), 'end'],
      ['with a flipped byte in a row', flipped(bytes.indexOf('a-user-1')), 'sha256'],
      [
        'with a flipped byte in the facts',
        flipped(bytes.indexOf('2026-03-04', image.length), 1),
        'sha256',
      ],
      ['whose facts are no longer JSON', flipped(bytes.indexOf('"rows"', image.length)), 'facts'],
      ['with a flipped byte in the checksum', flipped(bytes.length - 40), 'sha256'],
      [
        'whose facts count other rows',
        rebuilt(image, { ...facts, rows: { ...facts.rows, user_pool: 4 } }),
        'rows.user_pool',
      ],
      ['whose facts name another version', rebuilt(image, { ...facts, local: '7.0.0' }), 'local'],
      ['whose pages are damaged', rebuilt(zeroedPage, facts), 'image'],
    ];
    for (const [what, content, field] of cases) {
      const file = newFile('damaged.bck');
      writeFileSync(file, content);
      await assert.rejects(restore(file, target, { force: true }), (err: Error) => {
        assert.deepEqual(
          [(err as { code?: string }).code, (err as { where?: unknown }).where],
          ['DB_BACKUP', { file, field }],
          what,
        );
        return true;
      });
    }
    assert.deepEqual(await readTables(target), before);
    assert.equal(existsSync(`${target.file}.onedb-restore`), false);
  });

  it('copies the file while no older snapshot is open, else uses the backup API; both restore the same rows', async () => {
    const source = newDb();
    await seedDatabase(source, { tag: 'a', firstLogIndex: 0 });
    const free = openImageSnapshot(source.file);
    assert.equal(free.way, 'file-copy');
    await free.close();

    // A reader keeps an older snapshot open while a write lands: the checkpoint cannot
    // reach the newest frames, so the file alone is not the newest snapshot.
    const old = new BetterSqlite3(source.file, { readonly: true });
    try {
      old.exec('BEGIN');
      old.prepare('SELECT COUNT(*) FROM user_pool').get();
      await addUser(source, 50);
      const blocked = openImageSnapshot(source.file);
      assert.equal(blocked.way, 'backup-api');
      await blocked.close();

      const file = newFile('api.bck');
      const taken = await takeBackup({ db: source, file, force: false, kind: 'full', clock });
      assert.equal(taken.rows.user_pool, 4);
      const target = newDb();
      await restore(file, target);
      assert.deepEqual(await readTables(target), await readTables(source));
    } finally {
      old.exec('COMMIT');
      old.close();
    }

    const file = newFile('copy.bck');
    await takeBackup({ db: source, file, force: false, kind: 'full', clock });
    const target = newDb();
    await restore(file, target);
    assert.deepEqual(await readTables(target), await readTables(source));
  });

  it('copies a database in rollback-journal mode, and its image opens without a WAL', async () => {
    const source = newDb();
    await seedDatabase(source, { tag: 'r', firstLogIndex: 0 });
    const connection = new BetterSqlite3(source.file);
    assert.equal(connection.pragma('journal_mode = DELETE', { simple: true }), 'delete');
    connection.close();
    const snapshot = openImageSnapshot(source.file);
    assert.equal(snapshot.way, 'file-copy');
    await snapshot.close();

    const file = newFile('delete-mode.bck');
    await takeBackup({ db: source, file, force: false, kind: 'full', clock });
    // Header bytes 18-19: 1 is a rollback-journal database, which needs no -wal or -shm.
    assert.deepEqual([...readFileSync(file).subarray(18, 20)], [1, 1]);
    const users: unknown[] = [];
    const summary = await readBackup(file, {
      row: (table, values) => void (table.def.name === 'user_pool' && users.push(values[1])),
    });
    assert.deepEqual(users, ['r-user-0', 'r-user-1', 'r-user-2']);
    assert.equal(summary.rows.user_pool, 3);
    assert.equal(existsSync(`${file}-wal`), false);
    const target = newDb();
    await restore(file, target);
    assert.deepEqual(await readTables(target), await readTables(source));
  });

  it('restores an image over an existing database with -f only, keeping its permissions', async () => {
    const source = newDb();
    await seedDatabase(source, { tag: 'a', firstLogIndex: 0 });
    const file = newFile('full.bck');
    await takeBackup({ db: source, file, force: false, kind: 'full', clock });
    const target = newDb();
    await seedDatabase(target, { tag: 'b', firstLogIndex: 100, users: 5 });
    chmodSync(target.file, 0o600);
    await assert.rejects(restore(file, target), {
      code: 'DB_BACKUP',
      where: { file: target.file, field: 'force' },
    });
    await restore(file, target, { force: true });
    assert.deepEqual(await readTables(target), await readTables(source));
    assert.equal(existsSync(`${target.file}-wal`), false);
    assert.equal(statSync(target.file).mode & 0o777, 0o600);
    // Backups hold password hashes.
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });
});
