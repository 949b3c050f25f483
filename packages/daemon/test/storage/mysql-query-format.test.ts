// The daemon's MariaDB pool sends text queries as written (their values are written in by
// commitWrites), so one given values must be refused rather than sent without them.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { sentAsWritten } from '../../src/storage/mysql/mysql-database.js';

describe('storage/mysql query format', () => {
  it('sends a text query as written', () => {
    const sql = "INSERT INTO t (a) VALUES (_utf8mb4 X'3f'); SELECT '?'";
    assert.equal(sentAsWritten(sql, []), sql);
    assert.equal(sentAsWritten(sql, undefined), sql);
  });

  it('refuses a text query given values', () => {
    assert.throws(() => sentAsWritten('SELECT ?', [1]), {
      code: 'STORAGE',
      where: { field: 'sql' },
    });
  });
});
