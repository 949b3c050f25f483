// A database as the previous release (OneKit 0.1.0: shared 7.6.0, local 7.6.0) created it:
// its frozen schema, its version rows and the rows its bootstrap wrote. The upgrade tests,
// the coordinated-upgrade wizard and the local lab start from these.
import { OneKitError } from '@onekit/core';
import { databaseName, openSession } from '../backup/db-session.js';
import { defaultQuotaRows } from '../bootstrap/system-rows.js';
import { poolControlWrite } from '../pools/ids/index.js';
import { identityBootstrap } from '../pools/user/index.js';
import { FIRST_USER_ZONE_ID, bootstrapZone, insertZoneWrite } from '../pools/zone/index.js';
import { createIndexSql, createTableSql, type DbConfig, type WriteOp } from '../storage/index.js';
import { MigrationSession } from './migration-session.js';
import { previousSchema } from './previous-schema.js';

export const PREVIOUS_SHARED_VERSION = '7.6.0';
export const PREVIOUS_LOCAL_VERSION = '7.6.0';

/** The comment the previous release gave its bootstrap rows. */
const PREVIOUS_BOOTSTRAP_COMMENT = '7.5.80 daemon bootstrap (OneKit 0.1.0)';

export interface PreviousBootstrapOptions {
  readonly oneadmin: { readonly name: string; readonly password: string };
  /** The secret of the service credential files (serveradmin), which the caller writes. */
  readonly serveradminSecret: string;
  readonly randomSecret: () => string;
  /** Zone 0's ENDPOINT. */
  readonly endpoint: string;
}

/**
 * The federated rows the previous release's bootstrap wrote: users 0 and 1, groups 0 and 1,
 * the default ACL rules, zone 0 and their pool counters (unchanged since: only the local
 * schema moved).
 */
export function previousBootstrapRows(o: PreviousBootstrapOptions): WriteOp[] {
  const identity = identityBootstrap({
    oneadmin: o.oneadmin,
    serveradminSecret: o.serveradminSecret,
    randomSecret: o.randomSecret,
  });
  return [
    ...identity.ops,
    insertZoneWrite(bootstrapZone(o.endpoint)),
    poolControlWrite('zone_pool', FIRST_USER_ZONE_ID - 1),
  ];
}

export interface PreviousDatabaseOptions {
  /** Seconds since the epoch, for the version rows. */
  readonly now: number;
  /** Rows written after the bootstrap rows: previousBootstrapRows(), then any data. */
  readonly rows: readonly WriteOp[];
  readonly isSlave?: boolean;
}

/** Creates the previous release's database; refuses a database that has tables already. */
export async function createPreviousDatabase(
  db: DbConfig,
  o: PreviousDatabaseOptions,
): Promise<void> {
  const session = (await openSession(db, { create: true }))!;
  try {
    if ((await session.tableNames()).size > 0) {
      throw new OneKitError('STORAGE', `${databaseName(db)} is not empty`, {
        field: 'schema',
      });
    }
    for (const table of previousSchema) {
      await session.run(createTableSql(table));
      for (const index of table.indexes) await session.run(createIndexSql(table, index));
    }
    const writer = new MigrationSession(session);
    const version = { timestamp: o.now, comment: PREVIOUS_BOOTSTRAP_COMMENT };
    const rows: WriteOp[] = [
      {
        op: 'insert',
        table: 'local_db_versioning',
        row: { oid: 0, version: PREVIOUS_LOCAL_VERSION, ...version, is_slave: o.isSlave ? 1 : 0 },
      },
      ...defaultQuotaRows(),
      {
        op: 'insert',
        table: 'db_versioning',
        row: { oid: 0, version: PREVIOUS_SHARED_VERSION, ...version },
      },
      ...o.rows,
    ];
    await writer.begin();
    for (const row of rows) await writer.run(row);
    await writer.commit();
  } finally {
    await session.close();
  }
}
