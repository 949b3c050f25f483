import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { compileOp, createTableSql, findTable, UINT64_MAX } from '../../src/storage/index.js';

const backtick = (name: string): string => `\`${name}\``;

describe('storage/write-op', () => {
  it('compiles each op kind into one parameterized statement', () => {
    assert.deepEqual(
      compileOp(
        { op: 'insert', table: 'zone_pool', row: { oid: 0, name: 'OpenNebula' } },
        backtick,
      ),
      {
        sql: 'INSERT INTO `zone_pool` (`oid`, `name`) VALUES (?, ?)',
        params: [0, 'OpenNebula'],
      },
    );
    assert.deepEqual(
      compileOp(
        { op: 'replace', table: 'pool_control', row: { tablename: 'acl', last_oid: 4n } },
        backtick,
      ),
      {
        sql: 'REPLACE INTO `pool_control` (`tablename`, `last_oid`) VALUES (?, ?)',
        params: ['acl', 4n],
      },
    );
    assert.deepEqual(
      compileOp(
        {
          op: 'update',
          table: 'logdb',
          set: { applied: 1, timestamp: 9 },
          where: { log_index: 3n, applied: 0 },
        },
        backtick,
      ),
      {
        sql: 'UPDATE `logdb` SET `applied` = ?, `timestamp` = ? WHERE `log_index` = ? AND `applied` = ?',
        params: [1, 9, 3n, 0],
      },
    );
    assert.deepEqual(
      compileOp(
        {
          op: 'delete',
          table: 'logdb',
          where: {
            fed_index: { ne: UINT64_MAX },
            log_index: { lt: 10n },
            sqlcmd: null,
            term: { ne: null },
          },
        },
        backtick,
      ),
      {
        sql: 'DELETE FROM `logdb` WHERE `fed_index` <> ? AND `log_index` < ? AND `sqlcmd` IS NULL AND `term` IS NOT NULL',
        params: [UINT64_MAX, 10n],
      },
    );
    assert.deepEqual(
      compileOp(
        { op: 'delete', table: 'logdb', where: { log_index: { ge: 4n, le: 9n }, applied: 0 } },
        backtick,
      ),
      {
        sql: 'DELETE FROM `logdb` WHERE `log_index` >= ? AND `log_index` <= ? AND `applied` = ?',
        params: [4n, 9n, 0],
      },
    );
    assert.throws(
      () => compileOp({ op: 'delete', table: 'logdb', where: { log_index: {} } }, backtick),
      { code: 'STORAGE', where: { field: 'logdb.log_index' } },
    );
  });

  it('refuses numbers that the log could not carry', () => {
    assert.throws(
      () => compileOp({ op: 'insert', table: 'vm_pool', row: { oid: Number.NaN } }, backtick),
      {
        code: 'STORAGE',
        where: { field: 'vm_pool.oid' },
      },
    );
  });

  it("renders oned's CREATE TABLE text", () => {
    assert.equal(
      createTableSql(findTable('user_pool')!),
      'CREATE TABLE IF NOT EXISTS user_pool (oid INTEGER PRIMARY KEY, name VARCHAR(128), body MEDIUMTEXT, ' +
        'uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER, UNIQUE(name))',
    );
    assert.equal(
      createTableSql(findTable('history')!),
      'CREATE TABLE IF NOT EXISTS history (vid INTEGER, seq INTEGER, body MEDIUMTEXT, stime INTEGER, ' +
        'etime INTEGER, PRIMARY KEY(vid, seq))',
    );
  });
});
