// The federated records of a federated restore follow the target's own log.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { federatedLogRenumbering } from '../../src/backup/federated-log-rows.js';
import { tables, type ColumnValue } from '../../src/storage/index.js';

const logdb = tables.find((t) => t.name === 'logdb')!;
const column = (name: string) => logdb.columns.findIndex((c) => c.name === name);

function record(o: { index: bigint; term: number; fed: bigint }): ColumnValue[] {
  const row: ColumnValue[] = logdb.columns.map(() => null);
  row[column('log_index')] = o.index;
  row[column('term')] = o.term;
  row[column('sqlcmd')] = `cmd-${o.fed}`;
  row[column('timestamp')] = 5;
  row[column('fed_index')] = o.fed;
  row[column('applied')] = 0;
  return row;
}

describe('backup/federated-log-rows', () => {
  it('appends the records after the tail, in order, keeping fed_index and sqlcmd (property)', () => {
    const feds = fc.uniqueArray(fc.bigInt({ min: 0n, max: 1000n }), { maxLength: 20 });
    const tail = fc.record({ index: fc.bigInt({ min: 0n, max: 1000n }), term: fc.nat(50) });
    fc.assert(
      fc.property(feds, tail, fc.nat(50), (unsorted, tailRecord, masterTerm) => {
        const sorted = [...unsorted].sort((a, b) => (a < b ? -1 : 1));
        const renumber = federatedLogRenumbering(logdb, { tail: tailRecord, file: 'f.bck' });
        const rows = sorted.map((fed) => renumber(record({ index: fed, term: masterTerm, fed })));
        rows.forEach((row, i) => {
          assert.equal(row[column('log_index')], tailRecord.index + 1n + BigInt(i));
          assert.equal(row[column('term')], tailRecord.term);
          assert.equal(row[column('fed_index')], sorted[i]);
          assert.equal(row[column('sqlcmd')], `cmd-${sorted[i]}`);
          assert.equal(row[column('timestamp')], 5);
          assert.equal(row[column('applied')], 1);
        });
      }),
    );
  });

  it('refuses records out of fed_index order, naming the backup', () => {
    const renumber = federatedLogRenumbering(logdb, {
      tail: { index: 3n, term: 1 },
      file: 'f.bck',
    });
    renumber(record({ index: 5n, term: 1, fed: 5n }));
    assert.throws(() => renumber(record({ index: 4n, term: 1, fed: 4n })), {
      code: 'DB_BACKUP',
      where: { file: 'f.bck', field: 'logdb.fed_index' },
    });
  });
});
