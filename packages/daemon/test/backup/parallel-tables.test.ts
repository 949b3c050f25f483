import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { after, before, describe, it } from 'mocha';
import type { BackupTable } from '../../src/backup/backup-format.js';
import { BackupWriter } from '../../src/backup/backup-writer.js';
import type { DbSession } from '../../src/backup/db-session.js';
import { writeTables, type TableReading } from '../../src/backup/parallel-tables.js';
import type { TableSlice } from '../../src/backup/table-slices.js';
import { findTable, type ColumnValue } from '../../src/storage/index.js';
import { textHeader } from './seed.js';

// The tables of a text backup read on several sessions at once land in the file exactly as
// one session reading them in turn writes them, whatever the timing; a failure on one
// session stops them all and leaves nothing behind.

const names = ['user_pool', 'group_pool', 'logdb', 'acl', 'zone_pool'];
const tables: BackupTable[] = names.map((name) => ({ def: findTable(name)!, part: 'all' }));
const wholeTables: TableSlice[] = tables.map((table) => ({ table, first: true }));

/** Rows of a table: the row count and the size of their text vary with the table. */
function rowsOf(table: BackupTable, count: number, textBytes: number): ColumnValue[][] {
  const columns = table.def.columns.length;
  return Array.from({ length: count }, (_, i) =>
    Array.from({ length: columns }, (_, c) =>
      c === 0 ? i : c === 2 ? `${table.def.name}-${i}-`.padEnd(textBytes, 'x') : c,
    ),
  );
}

/** Sessions are only handed back to read(); each fake one is a name. */
const sessions = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ name: `s${i}` }) as unknown as DbSession);

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('backup/tables read on several sessions', function () {
  this.timeout(120_000);
  let dir: string;
  let counter = 0;

  before(() => (dir = mkdtempSync(join(tmpdir(), 'onekit-parallel-tables-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Writes a backup of `content` read on `sessionCount` sessions; the file's bytes. The
   * index of each table whose reading ended goes to `ended`, in that order.
   */
  async function backup(
    content: ColumnValue[][][],
    sessionCount: number,
    pauses: (table: number, row: number) => number,
    ended: number[] = [],
  ): Promise<Buffer> {
    const file = join(dir, `${++counter}.bck`);
    const writer = BackupWriter.create(file, { force: false });
    const reading: TableReading = {
      async read(_session, { table }, sink, stopped) {
        const index = tables.indexOf(table);
        for (const [row, values] of content[index]!.entries()) {
          for (let p = pauses(index, row); p > 0; p--) await nextTurn();
          if (!sink.row(values)) await sink.drained();
          if (stopped()) throw new Error('stopped');
        }
        ended.push(index);
      },
      spoolFile: (index) => `${file}.partial.${index}`,
    };
    writer.header(textHeader);
    await writeTables(writer, sessions(sessionCount), wholeTables, reading);
    await writer.finish();
    return readFileSync(file);
  }

  it('writes the tables in order, as one session would, whatever the timing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(300), fc.integer({ min: 1, max: 5000 })), {
          minLength: tables.length,
          maxLength: tables.length,
        }),
        fc.integer({ min: 2, max: 3 }),
        fc.nat(),
        async (shapes, sessionCount, seed) => {
          const content = shapes.map(([count, bytes], i) => rowsOf(tables[i]!, count, bytes));
          // Pauses that differ by table and row, so that sessions overtake one another.
          const pauses = (table: number, row: number) => ((seed >> table) + row * 7) % 3;
          const alone = await backup(content, 1, () => 0);
          const together = await backup(content, sessionCount, pauses);
          assert.ok(together.equals(alone));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('follows a spool that is still being written, over many chunks', async () => {
    // The first table is small and quick, the second big and slow: the second session spools
    // it, and the first copies the spool in while it still grows.
    const content = tables.map((table, i) => rowsOf(table, i === 1 ? 3000 : 20, 5000));
    const slowSecond = (table: number) => (table === 1 ? 1 : 0);
    const alone = await backup(content, 1, () => 0);
    assert.ok(alone.length > 3 * (4 << 20), 'the spool spans several chunks');
    const ended: number[] = [];
    assert.ok((await backup(content, 2, slowSecond, ended)).equals(alone));
    assert.ok(ended.indexOf(0) < ended.indexOf(1), `tables ended in the order ${ended.join(',')}`);
  });

  it('stops every session when one fails, and leaves no spool behind', async () => {
    const file = join(dir, 'failing.bck');
    const writer = BackupWriter.create(file, { force: false });
    const rowsRead = new Map<string, number>();
    const reading: TableReading = {
      async read(_session, { table }, sink, stopped) {
        const name = table.def.name;
        for (const values of rowsOf(table, 2000, 100)) {
          await nextTurn();
          if (name === 'logdb' && (rowsRead.get(name) ?? 0) === 50) throw new Error('lost');
          if (!sink.row(values)) await sink.drained();
          rowsRead.set(name, (rowsRead.get(name) ?? 0) + 1);
          if (stopped()) throw new Error('stopped');
        }
      },
      spoolFile: (index) => `${file}.partial.${index}`,
    };
    writer.header(textHeader);
    await assert.rejects(writeTables(writer, sessions(3), wholeTables, reading), {
      message: 'lost',
    });
    await writer.abort();
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.startsWith('failing')),
      [],
    );
    // Tables after the failure were never started, and those under way stopped early.
    assert.ok(!rowsRead.has('zone_pool'));
    for (const [name, read] of rowsRead) assert.ok(read < 2000, `${name}: ${read} rows`);
  });
});
