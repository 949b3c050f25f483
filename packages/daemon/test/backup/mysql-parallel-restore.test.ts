import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { restoreBackup, takeBackup, type DaemonCheck } from '../../src/backup/index.js';
import { openSession } from '../../src/backup/db-session.js';
import { MYSQL_LOAD_CONCURRENCY } from '../../src/backup/mysql-restore-target.js';
import type { DbConfig, MysqlConfig } from '../../src/storage/index.js';
import { eventually } from '../../../../test/support/eventually.js';
import { backends } from '../storage/backends.js';
import { readTables, seedDatabase, stoppedDaemon, type TableRows } from './seed.js';

// A MariaDB restore loads several tables at once, each on its own connection, in batches
// sent ahead of the answers: many batches per table here, more tables than connections.

const clock = () => new Date('2026-03-04T05:06:07Z');
const mysql = backends.find((b) => b.name === 'mysql')!;
const USERS = 5_000;
const RECORDS = 6_000;

/** Fills user_pool and logdb with more rows than one INSERT batch carries. */
async function addBulkRows(db: DbConfig): Promise<void> {
  const session = (await openSession(db, { create: false }))!;
  try {
    for (let first = 100; first < 100 + USERS; first += 500) {
      const oids = Array.from({ length: 500 }, (_, i) => first + i);
      await session.run(
        'INSERT INTO user_pool (oid, name, body, uid, gid, owner_u, group_u, other_u) VALUES ' +
          oids.map(() => '(?, ?, ?, ?, 1, 1, 0, 0)').join(', '),
        oids.flatMap((oid) => [
          oid,
          `bulk${oid}`,
          `<USER>${'x\t"\\'.repeat(oid % 300)}</USER>`,
          oid,
        ]),
      );
    }
    for (let first = 1000; first < 1000 + RECORDS; first += 500) {
      const indexes = Array.from({ length: 500 }, (_, i) => first + i);
      await session.run(
        'INSERT INTO logdb (log_index, term, sqlcmd, timestamp, fed_index, applied) VALUES ' +
          indexes.map(() => '(?, 1, ?, 1700000000, ?, 1)').join(', '),
        indexes.flatMap((index) => [index, `cmd ${index}\n${'é'.repeat(index % 700)}`, index]),
      );
    }
  } finally {
    await session.close();
  }
}

/** Waits until the scratch server has no connection open to `db` (a closed one may linger). */
function noConnectionsTo(db: MysqlConfig): Promise<true> {
  return eventually(`no connection to ${db.dbName}`, async () =>
    (await connectionsTo(db)) === 0 ? true : undefined,
  );
}

async function connectionsTo(db: MysqlConfig): Promise<number> {
  const session = (await openSession({ ...db, dbName: 'information_schema' }, { create: false }))!;
  try {
    const [row] = await session.query(
      'SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = ?',
      [db.dbName],
    );
    return Number(row!.n);
  } finally {
    await session.close();
  }
}

async function leftovers(db: DbConfig): Promise<string[]> {
  const session = (await openSession(db, { create: false }))!;
  try {
    return [...(await session.tableNames())].filter((n) => n.startsWith('onekit_'));
  } finally {
    await session.close();
  }
}

/** `text` with `change` made to its lines, and a valid end line: a backup that reads clean. */
function reseal(text: string, change: (lines: string[]) => void): string {
  const lines = text.split('\n');
  lines.pop();
  const end = JSON.parse(lines.pop()!) as { end: { rows: Record<string, number> } };
  change(lines);
  const body = lines.map((line) => line + '\n').join('');
  const rows = { ...end.end.rows };
  let table = '';
  for (const line of lines.slice(1)) {
    if (line.startsWith('{"table"')) table = (JSON.parse(line) as { table: string }).table;
    else rows[table] = 0;
  }
  for (const line of lines.slice(1)) {
    if (line.startsWith('{"table"')) table = (JSON.parse(line) as { table: string }).table;
    else rows[table]!++;
  }
  const sha256 = createHash('sha256').update(body).digest('hex');
  return body + JSON.stringify({ end: { rows, sha256 } }) + '\n';
}

describe('backup/parallel restore into MariaDB', function () {
  this.timeout(120_000);
  let dir: string;
  let daemon: DaemonCheck;
  let source: MysqlConfig;
  let sourceRows: TableRows;
  let file: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-parallel-restore-'));
    daemon = await stoppedDaemon(dir);
    source = (await mysql.freshConfig()) as MysqlConfig;
    await seedDatabase(source, { tag: 'a', firstLogIndex: 0 });
    await addBulkRows(source);
    sourceRows = await readTables(source);
    file = join(dir, 'full.bck');
    await takeBackup({ db: source, file, force: false, kind: 'full', clock });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads more tables than connections, row for row, and closes its connections', async () => {
    assert.ok(MYSQL_LOAD_CONCURRENCY > 1);
    const target = (await mysql.freshConfig()) as MysqlConfig;
    await seedDatabase(target, { tag: 'b', firstLogIndex: 100 });
    const result = await restoreBackup({ file, db: target, force: true, federated: false, daemon });
    assert.equal(result.rows.user_pool, sourceRows.user_pool!.length);
    assert.deepEqual(await readTables(target), sourceRows);
    assert.deepEqual(await leftovers(target), []);
    await noConnectionsTo(target);
  });

  it('refuses a damaged backup before loading, leaving the live database untouched', async () => {
    const target = (await mysql.freshConfig()) as MysqlConfig;
    await seedDatabase(target, { tag: 'b', firstLogIndex: 100 });
    const before = await readTables(target);
    const text = readFileSync(file, 'utf8');
    const damaged = join(dir, 'damaged.bck');
    // One character of a log record changed: still JSON, only the checksum tells.
    writeFileSync(damaged, text.replace('"cmd 5000\\n', '"cmd 5001\\n'));
    await assert.rejects(
      restoreBackup({ file: damaged, db: target, force: true, federated: false, daemon }),
      // The end line, the file's last.
      {
        code: 'DB_BACKUP',
        where: { file: damaged, line: text.split('\n').length - 1, field: 'sha256' },
      },
    );
    assert.deepEqual(await readTables(target), before);
    assert.deepEqual(await leftovers(target), []);
  });

  it('drops every table built when one loader fails mid-way, the others loading', async () => {
    const target = (await mysql.freshConfig()) as MysqlConfig;
    await seedDatabase(target, { tag: 'b', firstLogIndex: 100 });
    const before = await readTables(target);
    // A well-sealed backup whose user_pool repeats a row near its end: the server refuses
    // that batch while logdb is still loading on another connection.
    const duplicated = join(dir, 'duplicated.bck');
    const sealed = reseal(readFileSync(file, 'utf8'), (lines) => {
      const last = lines.findIndex((line) => line.startsWith(`[${100 + USERS - 1},`));
      lines.splice(last, 0, lines[last]!);
    });
    writeFileSync(duplicated, sealed);
    await assert.rejects(
      restoreBackup({ file: duplicated, db: target, force: true, federated: false, daemon }),
      { code: 'STORAGE' },
    );
    assert.deepEqual(await readTables(target), before);
    assert.deepEqual(await leftovers(target), []);
    await noConnectionsTo(target);
  });
});
