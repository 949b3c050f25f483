import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { after, before, describe, it } from 'mocha';
import { readBackup } from '../../src/backup/backup-reader.js';
import type { DbSession } from '../../src/backup/db-session.js';
import { shareSnapshot } from '../../src/backup/mysql-shared-snapshot.js';
import { openMysqlSession } from '../../src/backup/mysql-session.js';
import { takeTextBackup } from '../../src/backup/take-backup.js';
import type { MysqlConfig } from '../../src/storage/index.js';
import { backends, mariaDbServer } from '../storage/backends.js';
import { seedDatabase } from './seed.js';

const mysqlBackend = backends.find((b) => b.name === 'mysql')!;

describe('backup/shared snapshot of MySQL connections', function () {
  this.timeout(60_000);
  let config: MysqlConfig;
  let admin: mysql.Connection;
  let dir: string;
  let connectTo: () => Promise<mysql.Connection>;

  before(async () => {
    config = (await mysqlBackend.freshConfig()) as MysqlConfig;
    const server = await mariaDbServer();
    connectTo = () =>
      mysql.createConnection({
        host: server.host,
        port: server.port,
        user: server.user,
        password: server.password,
        database: config.dbName,
      });
    admin = await mysql.createConnection({
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
    });
    await admin.query(`CREATE DATABASE ${config.dbName}`);
    await admin.query(`USE ${config.dbName}`);
    await admin.query('CREATE TABLE a (n INT PRIMARY KEY) ENGINE=InnoDB');
    await admin.query('CREATE TABLE b (n INT PRIMARY KEY) ENGINE=InnoDB');
    dir = mkdtempSync(join(tmpdir(), 'onekit-shared-snapshot-'));
  });
  after(async () => {
    await admin?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  async function readers(count: number, o: { user?: MysqlConfig } = {}): Promise<DbSession[]> {
    const sessions: DbSession[] = [];
    for (let i = 0; i < count; i++) {
      sessions.push((await openMysqlSession(o.user ?? config, { create: false }))!);
    }
    return sessions;
  }

  const count = async (session: DbSession, table: string) =>
    Number((await session.query(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);

  it('gives every reader the same snapshot while another connection goes on writing', async () => {
    // Each transaction adds a row to both tables: in one snapshot their counts are equal.
    const writer = await connectTo();
    let writing = true;
    let written = 0;
    const writes = (async () => {
      for (let n = 0; writing; n++) {
        await writer.query('START TRANSACTION');
        await writer.query('INSERT INTO a VALUES (?)', [n]);
        await writer.query('INSERT INTO b VALUES (?)', [n]);
        await writer.query('COMMIT');
        written++;
      }
    })();
    try {
      for (let round = 0; round < 5; round++) {
        const start = written;
        while (written < start + 5) await new Promise((resolve) => setImmediate(resolve));
        const [first, second] = await readers(2);
        try {
          assert.equal(await shareSnapshot(config, ['a', 'b'], [first!, second!]), true);
          // Reading a on one and b on the other, later than the writes that went on meanwhile.
          const inA = await count(first!, 'a');
          const atWritten = written;
          while (written < atWritten + 3) await new Promise((resolve) => setImmediate(resolve));
          assert.equal(await count(second!, 'b'), inA);
          // And the snapshot holds: later writes stay out of it.
          assert.equal(await count(first!, 'b'), inA);
        } finally {
          await first!.close();
          await second!.close();
        }
      }
    } finally {
      writing = false;
      await writes;
      await writer.end();
    }
  });

  it('gives up, starting no transaction, when a write transaction holds a table past the wait', async () => {
    const holder = await connectTo();
    const [first, second] = await readers(2);
    try {
      await holder.query('START TRANSACTION');
      await holder.query('INSERT INTO a VALUES (-1)');
      assert.equal(await shareSnapshot(config, ['a', 'b'], [first!, second!]), false);
      // No snapshot was started: a row committed now is seen at once.
      const before = await count(first!, 'b');
      await admin.query('INSERT INTO b VALUES (-1)');
      assert.equal(await count(first!, 'b'), before + 1);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
      await admin.query('DELETE FROM b WHERE n = -1');
      await first!.close();
      await second!.close();
    }
  });

  it('writes the same file read on three connections in slices as on one, full or federated', async () => {
    const seeded = (await mysqlBackend.freshConfig()) as MysqlConfig;
    await seedDatabase(seeded, { tag: 'p', firstLogIndex: 0 });
    const db = await connectTo();
    try {
      await db.query(`USE ${seeded.dbName}`);
      // Log indexes with a wide gap, so that one range of keys holds none of them, and text
      // with what JSON escapes.
      const indexes = [
        ...Array.from({ length: 1500 }, (_, i) => 1000 + i),
        ...Array.from({ length: 1500 }, (_, i) => 10n ** 15n + BigInt(i)),
      ];
      for (let at = 0; at < indexes.length; at += 500) {
        const rows = indexes
          .slice(at, at + 500)
          .map((index) => [index, 1, `INSERT "${String(index)}"\n\tdone`, 1700000000, index, 1]);
        await db.query('INSERT INTO logdb VALUES ?', [rows]);
      }
    } finally {
      await db.end();
    }
    for (const kind of ['full', 'federated'] as const) {
      const backUp = (name: string, tuning: { readers: number; splitFromBytes?: number }) =>
        takeTextBackup(
          {
            db: seeded,
            file: join(dir, `${kind}-${name}`),
            force: false,
            kind,
            clock: () => new Date(0),
          },
          tuning,
        );
      const alone = await backUp('alone.bck', { readers: 1 });
      const sliced = await backUp('sliced.bck', { readers: 3, splitFromBytes: 0 });
      assert.equal(sliced.sha256, alone.sha256, kind);
      assert.deepEqual(sliced.rows, alone.rows);
      assert.ok(alone.rows.logdb! >= 3000, `${kind}: ${alone.rows.logdb} log rows`);
      const [slicedBytes, aloneBytes] = ['sliced', 'alone'].map((name) =>
        readFileSync(join(dir, `${kind}-${name}.bck`)),
      );
      assert.ok(slicedBytes!.equals(aloneBytes!), kind);
    }
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('.partial')),
      [],
    );
  });

  it('backs up on one connection a user without the LOCK TABLES privilege may read', async () => {
    const seeded = (await mysqlBackend.freshConfig()) as MysqlConfig;
    await seedDatabase(seeded, { tag: 's', firstLogIndex: 0 });
    await admin.query(`CREATE USER IF NOT EXISTS 'reader'@'127.0.0.1' IDENTIFIED BY 'rpw'`);
    await admin.query(`GRANT SELECT ON ${seeded.dbName}.* TO 'reader'@'127.0.0.1'`);
    const reader = { ...seeded, user: 'reader', passwd: 'rpw' };
    const [first, second] = await readers(2, { user: reader });
    try {
      assert.equal(
        await shareSnapshot(reader, ['user_pool', 'group_pool'], [first!, second!]),
        false,
      );
    } finally {
      await first!.close();
      await second!.close();
    }
    const file = join(dir, 'reader.bck');
    const result = await takeTextBackup({
      db: reader,
      file,
      force: false,
      kind: 'full',
      clock: () => new Date(),
    });
    const summary = await readBackup(file, { row: () => undefined });
    assert.deepEqual(summary.rows, result.rows);
    assert.ok(result.rows.user_pool! > 0);
  });
});
