import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { after, before, describe, it } from 'mocha';
import { readBackup, readTableRows, type BackupTable } from '../../src/backup/index.js';
import { BackupWriter } from '../../src/backup/backup-writer.js';
import { findTable, type ColumnValue } from '../../src/storage/index.js';
import { textHeader } from './seed.js';

// Where each table's rows are in a text backup, so that a restore can read tables at the
// same time: read from there, they are exactly the rows a whole read visits.

const tablesInFile: BackupTable[] = ['user_pool', 'group_pool', 'logdb'].map((name) => ({
  def: findTable(name)!,
  part: 'all',
}));

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\t', '\u0001', 'é', '😀') }),
);
const objectRow = fc
  .tuple(fc.nat(), text, text, fc.nat(), fc.nat())
  .map(([oid, name, body, uid, gid]): ColumnValue[] => [oid, name, body, uid, gid, 1, 0, 0]);
const logRow = fc
  .tuple(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), text)
  .map(([index, sqlcmd]): ColumnValue[] => [index, 1, sqlcmd, 1700000000, index, 1]);

describe('backup/table sections of a text backup', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'onekit-backup-sections-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function roundTrip(rows: ColumnValue[][][], file: string): Promise<void> {
    const writer = BackupWriter.create(file, { force: true });
    writer.header(textHeader);
    for (const [i, table] of tablesInFile.entries()) {
      writer.table(table);
      for (const row of rows[i]!) if (!writer.row(row)) await writer.drained();
    }
    await writer.finish();
    const whole: ColumnValue[][][] = tablesInFile.map(() => []);
    const summary = await readBackup(file, {
      row: (table, values) => {
        whole[tablesInFile.findIndex((t) => t.def.name === table.def.name)]!.push(values);
      },
    });
    assert.deepEqual(whole, rows);
    // Read back to front and all at once: each section stands on its own.
    const sections = await Promise.all(
      summary.tables.map(async (table) => {
        const got: ColumnValue[][] = [];
        await readTableRows(summary, table, (values) => void got.push(values));
        return got;
      }),
    );
    assert.deepEqual(sections, rows);
  }

  it('reads the rows of each table from where they are, empty tables included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(
          fc.array(objectRow, { maxLength: 20 }),
          fc.array(objectRow, { maxLength: 3 }),
          fc.array(logRow, { maxLength: 20 }),
        ),
        (rows) => roundTrip(rows, join(dir, 'random.bck')),
      ),
      { numRuns: 60 },
    );
  });

  it('finds rows past the read and write buffers, and a line bigger than both', async () => {
    const big = (n: number, fill: string) => fill.repeat(n);
    const users = Array.from({ length: 12 }, (_, oid): ColumnValue[] => [
      oid,
      `user${oid}`,
      big(700_000, oid % 2 ? 'x' : '"\n'),
      oid,
      1,
      1,
      0,
      0,
    ]);
    const logs: ColumnValue[][] = [[1n, 1, big(2_000_000, 'é'), 1700000000, 1n, 1]];
    await roundTrip([users, [], logs], join(dir, 'big.bck'));
  });

  it('names the table a summary holds no rows of', async () => {
    const file = join(dir, 'small.bck');
    await roundTrip([[], [], []], file);
    const summary = await readBackup(file);
    const other: BackupTable = { def: findTable('host_pool')!, part: 'all' };
    await assert.rejects(
      readTableRows(summary, other, () => undefined),
      {
        code: 'DB_BACKUP',
        where: { file, field: 'table' },
      },
    );
  });
});
