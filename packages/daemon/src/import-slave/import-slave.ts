// onedb import-slave: merges a zone's database (users, groups, ACL rules) into the
// federation master's, after both are backed up, with the master's daemon stopped. The
// master's writes are one transaction; then the slave's local objects are given their
// owners' new ids in one transaction of the slave database. If anything fails, both
// backups are restored. The mapping goes to the import log.
//
// Afterwards the slave zone's federated tables must become the master's: take
// `onedb backup --federated` on the master and `onedb restore --federated` it on the slave
// (and on every other slave zone, whose copies lack the imported users), then start the
// slave in FEDERATION/MODE SLAVE with the imported zone's id.
import { renameSync, writeFileSync } from 'node:fs';
import { OneKitError } from '@onekit/core';
import {
  ensureDaemonStopped,
  restoreBackup,
  takeBackup,
  type DaemonCheck,
} from '../backup/index.js';
import { databaseMissing, databaseName, openSession } from '../backup/db-session.js';
import { requireReleaseVersions } from '../convert/release-versions.js';
import {
  openDatabase,
  type DbConfig,
  type WriteOp,
  type WriteTransaction,
} from '../storage/index.js';
import { importLog } from './import-log.js';
import { planImport, type ObjectImport } from './import-plan.js';
import { mergeWrites } from './merge-writes.js';
import { lastOid, readIdentities } from './read-identities.js';
import { slaveOwnershipWrites } from './slave-ownership.js';

export interface ImportSlaveOptions {
  readonly master: DbConfig;
  readonly slave: DbConfig;
  /** The zone created on the master for the imported one (`onezone create`). */
  readonly zoneId: number;
  readonly mergeUsers: boolean;
  readonly mergeGroups: boolean;
  /** Where the mapping is written (onedb-import.log). */
  readonly logFile: string;
  /** The master's backup; the slave's goes beside it, with `-slave` appended. */
  readonly backup: { readonly file: string; readonly force: boolean };
  /** The master's daemon. */
  readonly daemon: DaemonCheck;
  readonly clock: () => Date;
}

export interface ImportSlaveResult {
  readonly master: string;
  readonly slave: string;
  readonly zoneId: number;
  readonly users: readonly ObjectImport[];
  readonly groups: readonly ObjectImport[];
  /** ACL rules carried over. */
  readonly aclRules: number;
  /** Writes to the slave's local tables (objects given new owners, rows moved to new keys). */
  readonly localWrites: number;
  readonly logFile: string;
  readonly backups: { readonly master: string; readonly slave: string };
}

function flagError(message: string, field: string): OneKitError {
  return new OneKitError('FLAG_INVALID', message, { field });
}

async function checkDatabase(db: DbConfig, which: string): Promise<void> {
  const session = await openSession(db, { create: false, readonly: true });
  if (!session) throw databaseMissing(db);
  try {
    await requireReleaseVersions(session, which);
  } finally {
    await session.close();
  }
}

async function runOps(
  db: DbConfig,
  ops: (tx: WriteTransaction) => Promise<readonly WriteOp[]>,
): Promise<number> {
  const database = await openDatabase(db.backend === 'mysql' ? { ...db, connections: 2 } : db);
  try {
    return await database.transaction(async (tx) => {
      const writes = await ops(tx);
      for (const op of writes) await tx.run(op);
      return writes.length;
    });
  } finally {
    await database.close();
  }
}

/** Reads both databases and decides every object's id and name in the master. */
async function readPlan(o: ImportSlaveOptions) {
  const open = (db: DbConfig) =>
    openDatabase(db.backend === 'mysql' ? { ...db, connections: 2 } : db);
  const masterDb = await open(o.master);
  const slaveDb = await open(o.slave);
  try {
    const [zone] = await masterDb.query('SELECT oid FROM zone_pool WHERE oid = ?', [o.zoneId]);
    if (!zone || o.zoneId === 0) {
      throw flagError(
        `zone ${o.zoneId} is not a zone of the master created for the slave: create it first (onezone create)`,
        'zone-id',
      );
    }
    const master = {
      ...(await readIdentities(masterDb, 'master')),
      lastAclId: await lastOid(masterDb, 'acl'),
    };
    const slave = await readIdentities(slaveDb, 'slave');
    const plan = planImport({
      master: {
        users: master.users,
        groups: master.groups,
        lastUserId: await lastOid(masterDb, 'user_pool'),
        lastGroupId: await lastOid(masterDb, 'group_pool'),
      },
      slave,
      mergeUsers: o.mergeUsers,
      mergeGroups: o.mergeGroups,
    });
    return { plan, master, slave };
  } finally {
    await masterDb.close();
    await slaveDb.close();
  }
}

export async function importSlave(o: ImportSlaveOptions): Promise<ImportSlaveResult> {
  if (databaseName(o.master) === databaseName(o.slave) && o.master.backend === o.slave.backend) {
    throw flagError('the slave database is the master database', 'slave');
  }
  await ensureDaemonStopped(o.daemon);
  await checkDatabase(o.master, 'master');
  await checkDatabase(o.slave, 'slave');
  const { plan, master, slave } = await readPlan(o);
  const writes = mergeWrites({ plan, master, slave, zoneId: o.zoneId });
  const backups = { master: o.backup.file, slave: `${o.backup.file}-slave` };
  const kind = 'full' as const;
  await takeBackup({
    db: o.master,
    file: backups.master,
    force: o.backup.force,
    kind,
    clock: o.clock,
  });
  await takeBackup({
    db: o.slave,
    file: backups.slave,
    force: o.backup.force,
    kind,
    clock: o.clock,
  });
  let localWrites: number;
  try {
    await runOps(o.master, async () => writes);
    localWrites = await runOps(o.slave, (tx) => slaveOwnershipWrites(tx, plan));
  } catch (err) {
    for (const [db, file] of [
      [o.master, backups.master],
      [o.slave, backups.slave],
    ] as const) {
      await restoreBackup({ file, db, force: true, federated: false, daemon: o.daemon });
    }
    throw err;
  }
  const header = {
    at: o.clock(),
    slave: databaseName(o.slave),
    master: databaseName(o.master),
    zoneId: o.zoneId,
    mergeUsers: o.mergeUsers,
    mergeGroups: o.mergeGroups,
  };
  writeFileSync(`${o.logFile}.tmp`, importLog(plan, header));
  renameSync(`${o.logFile}.tmp`, o.logFile);
  return {
    master: header.master,
    slave: header.slave,
    zoneId: o.zoneId,
    users: plan.users,
    groups: plan.groups,
    aclRules: writes.filter((w) => w.table === 'acl').length,
    localWrites,
    logFile: o.logFile,
    backups,
  };
}
