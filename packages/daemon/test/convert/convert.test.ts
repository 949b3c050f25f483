import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'mocha';
import type { DaemonCheck } from '../../src/backup/index.js';
import { openSession } from '../../src/backup/db-session.js';
import { convertDatabase, type ConvertOptions } from '../../src/convert/index.js';
import { openDatabase, type DbConfig, type MysqlConfig } from '../../src/storage/index.js';
import { readTables, seedDatabase, stoppedDaemon } from '../backup/seed.js';
import { backends } from '../storage/backends.js';

const clock = () => new Date('2026-03-04T05:06:07Z');
const sqlite = backends.find((b) => b.name === 'sqlite')!;
const mysql = backends.find((b) => b.name === 'mysql')!;
const daemonDir = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a conversion in a child process and kills it at its first progress report. */
function killedMidway(options: Omit<ConvertOptions, 'clock'>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx/esm', 'test/convert/convert-child.ts'], {
    cwd: daemonDir,
    env: { ...process.env, CONVERT_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL'
        ? resolve(out.trim())
        : reject(new Error(`the conversion ended (${code}) before it was killed: ${err}`)),
    );
  });
}

async function mysqlTableNames(db: MysqlConfig): Promise<string[]> {
  const session = (await openSession(db, { create: false }))!;
  try {
    return [...(await session.tableNames())].sort();
  } finally {
    await session.close();
  }
}

describe('convert/convert-database (sqlite and mysql)', function () {
  this.timeout(60_000);
  let dir: string;
  let daemon: DaemonCheck;
  let source: DbConfig;

  const convert = (from: DbConfig, to: DbConfig, o: Partial<ConvertOptions> = {}) =>
    convertDatabase({ from, to, force: false, daemon, clock, ...o });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-convert-'));
    daemon = await stoppedDaemon(dir);
    source = await sqlite.freshConfig();
    await seedDatabase(source, { tag: 'a', firstLogIndex: 0, users: 25 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('copies SQLite into MySQL and back, every table row for row', async () => {
    const expected = await readTables(source);
    const inMysql = await mysql.freshConfig();
    const there = await convert(source, inMysql);
    assert.equal(there.to.backend, 'mysql');
    assert.equal(there.tables.user_pool!.rows, 25);
    assert.equal(Object.keys(there.tables).length, Object.keys(expected).length);
    assert.deepEqual(await readTables(inMysql), expected);

    const back = await sqlite.freshConfig();
    const returned = await convert(inMysql, back);
    assert.deepEqual(await readTables(back), expected);
    for (const [table, copy] of Object.entries(returned.tables)) {
      assert.deepEqual(copy, there.tables[table], table);
    }
    assert.equal(existsSync(`${(back as { file: string }).file}.onedb-restore`), false);
  });

  it('refuses a target that holds tables without -f, and backs it up before replacing it', async () => {
    const target = await mysql.freshConfig();
    await seedDatabase(target, { tag: 'b', firstLogIndex: 100 });
    await assert.rejects(convert(source, target), (err: { code: string; where: unknown }) => {
      assert.deepEqual([err.code, err.where], ['DB_COPY', { field: 'force' }]);
      return true;
    });
    const file = join(dir, 'replaced.bck');
    const result = await convert(source, target, { force: true, backup: { file, force: false } });
    assert.equal(result.backup, file);
    assert.ok(existsSync(file));
    assert.deepEqual(await readTables(target), await readTables(source));
  });

  it('refuses a source whose schema versions are not this release', async () => {
    const old = await sqlite.freshConfig();
    await seedDatabase(old, { tag: 'c', firstLogIndex: 0 });
    const db = await openDatabase(old);
    await db.transaction((tx) =>
      tx.run({
        op: 'update',
        table: 'db_versioning',
        set: { version: '6.10.0' },
        where: { oid: 0 },
      }),
    );
    await db.close();
    const target = await mysql.freshConfig();
    await assert.rejects(convert(old, target), (err: { code: string; where: unknown }) => {
      assert.deepEqual([err.code, err.where], ['DB_COPY', { field: 'shared' }]);
      return true;
    });
  });

  it('leaves a MySQL target as it was when the conversion is killed half-way', async () => {
    const target = (await mysql.freshConfig()) as MysqlConfig;
    await seedDatabase(target, { tag: 'd', firstLogIndex: 200 });
    const before = await readTables(target);
    const said = await killedMidway({ from: source, to: target, force: true, daemon });
    assert.match(said, /^copying /);
    assert.deepEqual(await readTables(target), before);
    // The next run clears what the killed one left and completes.
    await convert(source, target, { force: true });
    assert.deepEqual(await readTables(target), await readTables(source));
    assert.ok((await mysqlTableNames(target)).every((n) => !n.startsWith('onekit_')));
  });

  it('leaves a SQLite target as it was when the conversion is killed half-way', async () => {
    const fromMysql = await mysql.freshConfig();
    await seedDatabase(fromMysql, { tag: 'e', firstLogIndex: 0, users: 9 });
    const target = await sqlite.freshConfig();
    await seedDatabase(target, { tag: 'f', firstLogIndex: 300 });
    const before = await readTables(target);
    await killedMidway({ from: fromMysql, to: target, force: true, daemon });
    assert.deepEqual(await readTables(target), before);
    await convert(fromMysql, target, { force: true });
    assert.deepEqual(await readTables(target), await readTables(fromMysql));
    const file = (target as { file: string }).file;
    const leftovers = readdirSync(join(file, '..')).filter((n) => n.includes('onedb-restore'));
    assert.deepEqual(leftovers, []);
  });
});
