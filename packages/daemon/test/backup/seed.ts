// Databases with rows in federated, local, log and system tables, for backup tests, and a
// way to read every table back for comparison.
import { freePort } from '../../../../test/support/daemon.js';
import type { BackupHeader, DaemonCheck } from '../../src/backup/index.js';
import { openSession } from '../../src/backup/db-session.js';
import {
  openDatabase,
  tables,
  UINT64_MAX,
  type ColumnValue,
  type DbConfig,
  type WriteOp,
} from '../../src/storage/index.js';
import { localVersionRow, sharedVersionRow, defaultQuotaRows } from '../../src/bootstrap/index.js';

/** The header of the text backups tests write by hand. */
export const textHeader: BackupHeader = {
  kind: 'full',
  backend: 'mysql',
  shared: '7.6.0',
  local: '7.6.0',
  created: '2026-01-02T03:04:05.000Z',
};

export interface SeedOptions {
  /** Distinguishes the rows of two databases. */
  readonly tag: string;
  /** logdb indexes start here, so that two seeds never share one. */
  readonly firstLogIndex: number;
  readonly users?: number;
}

const object = (table: string, oid: number, name: string): WriteOp => ({
  op: 'insert',
  table,
  row: {
    oid,
    name,
    body: `<X><ID>${oid}</ID><NAME>${name}</NAME></X>`,
    uid: 0,
    gid: 0,
    owner_u: 1,
    group_u: 0,
    other_u: 0,
  },
});

function seedOps(o: SeedOptions): WriteOp[] {
  const users = o.users ?? 3;
  const ops: WriteOp[] = [
    sharedVersionRow(1_700_000_000),
    localVersionRow(1_700_000_000, { isSlave: false }),
  ];
  ops.push(...defaultQuotaRows());
  for (let oid = 0; oid < users; oid++) ops.push(object('user_pool', oid, `${o.tag}-user-${oid}`));
  ops.push(object('group_pool', 0, 'oneadmin'), object('group_pool', 1, `${o.tag}-users`));
  ops.push(object('zone_pool', 0, `${o.tag}-zone`));
  ops.push(
    {
      op: 'insert',
      table: 'acl',
      row: {
        oid: 0,
        userset: 0x200000001n,
        resource: 0x2e000000000n,
        rights: 1n,
        zone: 0x100000000n,
      },
    },
    {
      op: 'insert',
      table: 'vm_pool',
      row: {
        oid: 0,
        name: `${o.tag}-vm`,
        body: '<VM/>',
        uid: 0,
        gid: 0,
        state: 3,
        lcm_state: 3,
        resched: 0,
        owner_u: 1,
        group_u: 0,
        other_u: 0,
        short_body: '<VM/>',
        body_json: '{"VM":{}}',
      },
    },
    object('template_pool', 0, `${o.tag}-template`),
  );
  ops.push(
    {
      op: 'insert',
      table: 'pool_control',
      row: { tablename: 'user_pool', last_oid: BigInt(users - 1) },
    },
    { op: 'insert', table: 'pool_control', row: { tablename: 'group_pool', last_oid: 1n } },
    { op: 'insert', table: 'pool_control', row: { tablename: 'vm_pool', last_oid: 0n } },
    { op: 'insert', table: 'pool_control', row: { tablename: 'template_pool', last_oid: 0n } },
  );
  // Log records: local ones (fed_index UINT64_MAX) and federated ones.
  for (let i = 0; i < 4; i++) {
    ops.push({
      op: 'insert',
      table: 'logdb',
      row: {
        log_index: BigInt(o.firstLogIndex + i),
        term: 1,
        sqlcmd: `${o.tag}-${i}`,
        timestamp: 1_700_000_000 + i,
        fed_index: i % 2 === 0 ? UINT64_MAX : BigInt(o.firstLogIndex + i),
        applied: 1,
      },
    });
  }
  return ops;
}

/** A new database with the schema and the seed's rows. */
export async function seedDatabase(config: DbConfig, o: SeedOptions): Promise<void> {
  const db = await openDatabase(config);
  try {
    await db.createSchema();
    await db.transaction(async (tx) => {
      for (const op of seedOps(o)) await tx.run(op);
    });
  } finally {
    await db.close();
  }
}

export type TableRows = Record<string, ColumnValue[][]>;

/** Every table of the schema that exists, rows sorted (collations differ between backends). */
export async function readTables(config: DbConfig): Promise<TableRows> {
  const session = await openSession(config, { create: false, readonly: true });
  if (!session) throw new Error(`no database ${JSON.stringify(config)}`);
  try {
    const existing = await session.tableNames();
    const result: TableRows = {};
    for (const table of tables) {
      if (!existing.has(table.name)) continue;
      const columns = table.columns.map((c) => session.quote(c.name)).join(', ');
      const rows: ColumnValue[][] = [];
      for await (const row of session.stream(`SELECT ${columns} FROM ${table.name}`))
        rows.push(row);
      const key = (row: ColumnValue[]) =>
        JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
      result[table.name] = rows.sort((a, b) => key(a).localeCompare(key(b)));
    }
    return result;
  } finally {
    await session.close();
  }
}

/** No lock file and nothing listening: the daemon of this "installation" is stopped. */
export async function stoppedDaemon(dir: string): Promise<DaemonCheck> {
  const port = await freePort('127.0.0.1');
  return {
    lockFile: `${dir}/no-such-lock`,
    isAlive: () => true,
    endpoint: `http://127.0.0.1:${port}/RPC2`,
  };
}
