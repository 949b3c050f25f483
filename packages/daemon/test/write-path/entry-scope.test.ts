import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { WriteOp } from '../../src/storage/index.js';
import { checkEntryScope } from '../../src/write-path/index.js';

const insert = (table: string, row: Record<string, string | number> = { oid: 1 }): WriteOp => ({
  op: 'insert',
  table,
  row,
});
const lastOid = (tablename: string): WriteOp => insert('pool_control', { tablename, last_oid: 3 });

describe('write-path/entry-scope', () => {
  it('accepts federated tables and their pool_control rows in a federated entry', () => {
    const ops = [
      insert('user_pool'),
      insert('group_pool'),
      insert('acl'),
      insert('zone_pool'),
      insert('vdc_pool'),
      insert('marketplace_pool'),
      insert('marketplaceapp_pool'),
      insert('db_versioning'),
      lastOid('user_pool'),
      lastOid('acl'),
      {
        op: 'update',
        table: 'pool_control',
        set: { last_oid: 4 },
        where: { tablename: 'zone_pool' },
      },
    ] satisfies WriteOp[];
    checkEntryScope(ops, { federated: true });
  });

  it('accepts local tables and local pool_control rows in a local entry', () => {
    checkEntryScope(
      [insert('vm_pool'), insert('user_quotas', { user_oid: 2 }), lastOid('vm_pool')],
      { federated: false },
    );
  });

  it('refuses an entry that mixes the two, naming the odd table', () => {
    assert.throws(
      () =>
        checkEntryScope([insert('user_pool'), insert('user_quotas', { user_oid: 2 })], {
          federated: true,
        }),
      {
        code: 'STORAGE',
        where: { field: 'user_quotas' },
      },
    );
    assert.throws(
      () => checkEntryScope([insert('vm_pool'), lastOid('group_pool')], { federated: false }),
      {
        code: 'STORAGE',
        where: { field: 'pool_control' },
      },
    );
  });

  it('refuses writes to logdb and pool_control writes without a tablename', () => {
    assert.throws(
      () => checkEntryScope([insert('logdb', { log_index: 1 })], { federated: false }),
      {
        code: 'STORAGE',
        where: { field: 'logdb' },
      },
    );
    const op: WriteOp = { op: 'delete', table: 'pool_control', where: { last_oid: 1 } };
    assert.throws(() => checkEntryScope([op], { federated: false }), {
      code: 'STORAGE',
      where: { field: 'pool_control.tablename' },
    });
  });

  it('checks ops against the schema', () => {
    assert.throws(() => checkEntryScope([insert('vm_pool', { nope: 1 })], { federated: false }), {
      code: 'STORAGE',
      where: { field: 'vm_pool.nope' },
    });
  });
});
