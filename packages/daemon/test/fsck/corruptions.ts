// Damage done to a healthy database (healthy-database.ts), one kind per fsck check, each
// with the problems fsck must name: (table, id) pairs.
import { objectTypeBits, selectorBits } from '@onekit/core';
import { parseGroupBodyText, updateGroupOp } from '../../src/pools/group/index.js';
import { readUser, updateUserOp } from '../../src/pools/user/index.js';
import { readZone, updateZoneWrite } from '../../src/pools/zone/index.js';
import {
  openDatabase,
  type DbConfig,
  type WriteOp,
  type WriteTransaction,
} from '../../src/storage/index.js';

export interface Corruption {
  readonly name: string;
  /** The (table, id) of each problem fsck must report. */
  readonly expected: readonly string[];
  /** Whether fsck repairs it (else a second run reports it again). */
  readonly fixable: boolean;
  apply(tx: WriteTransaction): Promise<readonly WriteOp[]>;
}

async function group(tx: WriteTransaction, id: number) {
  const [row] = await tx.query('SELECT body FROM group_pool WHERE oid = ?', [id]);
  return parseGroupBodyText(String(row!.body));
}

export const corruptions: readonly Corruption[] = [
  {
    name: 'pool_control below the highest id',
    expected: ['pool_control:user_pool'],
    fixable: true,
    apply: async (): Promise<WriteOp[]> => [
      { op: 'replace', table: 'pool_control', row: { tablename: 'user_pool', last_oid: 1n } },
    ],
  },
  {
    name: 'a user whose primary and a secondary group do not exist',
    expected: ['user_pool:2'],
    fixable: true,
    apply: async (tx) => {
      const user = (await readUser(tx, 2))!;
      return [updateUserOp({ ...user, gid: 555, groups: [1, 100, 555, 556] })];
    },
  },
  {
    name: 'a group missing a member in its list',
    expected: ['group_pool:1'],
    fixable: true,
    apply: async (tx) => {
      const users = await group(tx, 1);
      return [updateGroupOp({ ...users, users: users.users.filter((u) => u !== 3) })];
    },
  },
  {
    name: 'a group listing a user that does not exist',
    expected: ['group_pool:100'],
    fixable: true,
    apply: async (tx) => {
      const dev = await group(tx, 100);
      return [updateGroupOp({ ...dev, users: [...dev.users, 9], admins: [...dev.admins, 9] })];
    },
  },
  {
    name: 'an ACL rule naming a user, a group and a zone that do not exist',
    expected: ['acl:60'],
    fixable: true,
    apply: async (): Promise<WriteOp[]> => [
      {
        op: 'insert',
        table: 'acl',
        row: {
          oid: 60,
          userset: selectorBits.INDIVIDUAL | 42n,
          resource: objectTypeBits.VM | selectorBits.GROUP | 420n,
          rights: 1n,
          zone: selectorBits.INDIVIDUAL | 7n,
        },
      },
      { op: 'replace', table: 'pool_control', row: { tablename: 'acl', last_oid: 60n } },
    ],
  },
  {
    name: 'a zone with two servers of the same id',
    expected: ['zone_pool:0'],
    fixable: true,
    apply: async (tx) => {
      const zone = (await readZone(tx, 0))!;
      const servers = zone.servers.map((s) => ({ ...s, ID: '1' }));
      return [updateZoneWrite({ ...zone, servers })];
    },
  },
  {
    name: 'logdb without record 0',
    expected: ['logdb:0'],
    fixable: true,
    apply: async (): Promise<WriteOp[]> => [
      { op: 'delete', table: 'logdb', where: { log_index: 0n } },
    ],
  },
  {
    name: 'a local log record with a federated fed_index',
    expected: ['logdb:4'],
    fixable: true,
    apply: async (): Promise<WriteOp[]> => [
      { op: 'update', table: 'logdb', set: { fed_index: 4n }, where: { log_index: 4n } },
    ],
  },
  {
    name: 'a user row whose columns disagree with its body',
    expected: ['user_pool:3'],
    fixable: true,
    apply: async (): Promise<WriteOp[]> => [
      { op: 'update', table: 'user_pool', set: { name: 'wrong', gid: 7 }, where: { oid: 3 } },
    ],
  },
  {
    name: 'a group body that does not parse',
    expected: ['group_pool:100'],
    fixable: false,
    apply: async (): Promise<WriteOp[]> => [
      {
        op: 'update',
        table: 'group_pool',
        set: { body: '<GROUP><ID>100</ID>' },
        where: { oid: 100 },
      },
    ],
  },
  {
    name: 'a log record left unapplied below an applied one',
    expected: ['logdb:2'],
    fixable: false,
    apply: async (): Promise<WriteOp[]> => [
      { op: 'update', table: 'logdb', set: { applied: 0 }, where: { log_index: 2n } },
    ],
  },
];

/** Applies the corruptions to the database, in one transaction. */
export async function corrupt(config: DbConfig, chosen: readonly Corruption[]): Promise<void> {
  const db = await openDatabase(config);
  try {
    await db.transaction(async (tx) => {
      for (const corruption of chosen)
        for (const op of await corruption.apply(tx)) await tx.run(op);
    });
  } finally {
    await db.close();
  }
}
