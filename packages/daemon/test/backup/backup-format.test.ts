import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { after, before, describe, it } from 'mocha';
import { isOneKitError } from '@onekit/core';
import {
  parseRow,
  readBackup,
  rowLine,
  type BackupHeader,
  type BackupTable,
} from '../../src/backup/index.js';
import { BackupWriter } from '../../src/backup/backup-writer.js';
import { findTable, UINT64_MAX, type ColumnValue } from '../../src/storage/index.js';

const header: BackupHeader = {
  kind: 'full',
  backend: 'sqlite',
  shared: '7.6.0',
  local: '7.6.0',
  created: '2026-01-02T03:04:05.000Z',
};
const users: BackupTable = { def: findTable('user_pool')!, part: 'all' };
const logdb: BackupTable = { def: findTable('logdb')!, part: 'federated' };

const userRow = (oid: number, name: string): ColumnValue[] => [
  oid,
  name,
  `<USER><ID>${oid}</ID><NAME>${name}</NAME></USER>`,
  0,
  0,
  1,
  0,
  0,
];

/** A backup with two tables and a few rows, as the writer makes it. */
async function writeSample(file: string): Promise<void> {
  const writer = BackupWriter.create(file, { force: true });
  writer.header(header);
  writer.table(users);
  writer.row(userRow(0, 'oneadmin'));
  writer.row(userRow(1, 'serveradmin'));
  writer.row(userRow(2, 'ünïcødé "quoted" \\ \n newline'));
  writer.table(logdb);
  writer.row([1n, 1, 'eJwDAAAAAAE=', 1700000000, 0n, 1]);
  writer.row([2n, 1, 'eJwDAAAAAAE=', 1700000001, UINT64_MAX - 1n, 0]);
  await writer.finish();
}

/** The DB_BACKUP error `promise` rejects with; fails the test on anything else. */
async function backupErrorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    assert.ok(isOneKitError(err, 'DB_BACKUP'), String(err));
    return err;
  }
  assert.fail('the backup was accepted');
}

describe('backup/backup-format', () => {
  let dir: string;
  let sample: string;
  let bytes: Buffer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-backup-format-'));
    sample = join(dir, 'sample.bck');
    await writeSample(sample);
    bytes = readFileSync(sample);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips every kind of value through a row line', () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.string({ unit: 'grapheme' }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.maxSafeInteger(),
      fc.bigInt({ min: -(2n ** 63n), max: UINT64_MAX }),
    );
    const def = findTable('user_pool')!;
    fc.assert(
      fc.property(fc.array(value, { minLength: 8, maxLength: 8 }), (values) => {
        const text = rowLine(def, values);
        assert.deepEqual(parseRow({ file: 'f', line: 1 }, def, JSON.parse(text)), values);
      }),
    );
  });

  it('refuses a value JSON cannot carry, naming the column', () => {
    assert.throws(() => rowLine(findTable('user_pool')!, [1, 'a', 'b', NaN, 0, 0, 0, 0]), {
      code: 'DB_BACKUP',
      where: { field: 'user_pool.uid' },
    });
  });

  it('reads back what was written: header, tables, rows and counts', async () => {
    const seen: [string, ColumnValue[]][] = [];
    const summary = await readBackup(sample, {
      row: (table, values) => void seen.push([table.def.name, values]),
    });
    assert.deepEqual(summary.header, header);
    assert.deepEqual(
      summary.tables.map((t) => [t.def, t.part]),
      [
        [users.def, 'all'],
        [logdb.def, 'federated'],
      ],
    );
    assert.deepEqual(summary.rows, { user_pool: 3, logdb: 2 });
    assert.equal(summary.endLine, 9);
    assert.equal(seen.length, 5);
    assert.deepEqual(seen[2], ['user_pool', userRow(2, 'ünïcødé "quoted" \\ \n newline')]);
    assert.deepEqual(seen[4], ['logdb', [2n, 1, 'eJwDAAAAAAE=', 1700000001, UINT64_MAX - 1n, 0]]);
  });

  it('rejects the file cut at any byte, naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), async (size) => {
        const cut = join(dir, 'cut.bck');
        writeFileSync(cut, bytes.subarray(0, size));
        const err = await backupErrorOf(readBackup(cut));
        assert.equal(err.where.file, cut);
        assert.ok(err.where.line !== undefined && err.where.line >= 1);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects any single flipped bit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 0, max: 7 }),
        async (offset, bit) => {
          const flipped = Buffer.from(bytes);
          flipped[offset]! ^= 1 << bit;
          const file = join(dir, 'flipped.bck');
          writeFileSync(file, flipped);
          const err = await backupErrorOf(readBackup(file));
          assert.equal(err.where.file, file);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('names the line and what is wrong with it', async () => {
    const lines = bytes.toString('utf8').split('\n');
    const variant = async (change: (lines: string[]) => void) => {
      const copy = [...lines];
      change(copy);
      const file = join(dir, 'variant.bck');
      writeFileSync(file, copy.join('\n'));
      return (await backupErrorOf(readBackup(file))).where;
    };
    const file = join(dir, 'variant.bck');
    // A row changed but still JSON: only the checksum can tell, on the end line.
    assert.deepEqual(await variant((l) => (l[2] = l[2]!.replace('oneadmin', 'oneadmiN'))), {
      file,
      line: 9,
      field: 'sha256',
    });
    assert.deepEqual(await variant((l) => (l[3] = '[1, "serveradmin"]')), {
      file,
      line: 4,
      field: 'user_pool',
    });
    assert.deepEqual(await variant((l) => (l[3] = '{"oid": 1')), { file, line: 4 });
    assert.deepEqual(await variant((l) => l.splice(8, 1)), { file, line: 9, field: 'end' });
    assert.deepEqual(await variant((l) => (l[0] = '{"format":"sql"}')), {
      file,
      line: 1,
      field: 'format',
    });
    // Identifiers become DDL on restore: anything but a plain name is refused.
    assert.deepEqual(
      await variant((l) => (l[1] = l[1]!.replace('"user_pool"', '"user_pool; DROP TABLE x"'))),
      { file, line: 2, field: 'table' },
    );
    assert.deepEqual(await variant((l) => l.splice(9, 0, '[1]')), {
      file,
      line: 10,
      field: 'end',
    });
    writeFileSync(file, '');
    assert.deepEqual((await backupErrorOf(readBackup(file))).where, {
      file,
      line: 1,
      field: 'format',
    });
  });

  it('reports a file it cannot read or write as HOST_FILE, naming it', async () => {
    await assert.rejects(readBackup(dir), { code: 'HOST_FILE', where: { file: dir } });
    // Below a regular file: no folder can be made there.
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const nowhere = join(blocker, 'x.bck');
    assert.throws(() => BackupWriter.create(nowhere, { force: false }), {
      code: 'HOST_FILE',
      where: { file: nowhere },
    });
  });
});
