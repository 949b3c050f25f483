// What a server of a federation checks before it starts, with oned's messages: only a
// standalone server bootstraps a database (the operator starts a new server once as
// STANDALONE), and a slave must hold the master's federated tables, at the federated
// schema version of this release.
import { OneKitError, type OnedConf } from '@onekit/core';
import type { DatabaseVersions } from '../bootstrap/index.js';
import type { StorageReader } from '../storage/index.js';
import { compareVersions, SHARED_DB_VERSION } from '../version/index.js';

function refuse(message: string, field: string): OneKitError {
  return new OneKitError('DAEMON_START', message, { field });
}

/** FEDERATION/MODE SLAVE needs MASTER_ONED, the master's XML-RPC endpoint. */
export function checkSlaveConfig(conf: OnedConf): void {
  const { mode, masterOned } = conf.federation;
  if (mode === 'SLAVE' && masterOned === '') {
    throw new OneKitError(
      'CONFIG_INVALID',
      'FEDERATION/MASTER_ONED must name the master XML-RPC endpoint when MODE is SLAVE',
      { field: 'FEDERATION/MASTER_ONED' },
    );
  }
}

/** Whether the federated pools hold anything (a restored slave holds at least oneadmin). */
async function sharedTablesPopulated(db: StorageReader): Promise<boolean> {
  for (const table of ['user_pool', 'zone_pool']) {
    const rows = await db.query(`SELECT oid FROM ${table} LIMIT 1`);
    if (rows.length === 0) return false;
  }
  return true;
}

/**
 * Refuses a federation start oned would refuse. A STANDALONE server passes (it may
 * bootstrap); MASTER and SLAVE need a bootstrapped database, and a SLAVE the federated
 * tables at this release's federated version.
 */
export async function checkFederationStart(
  conf: OnedConf,
  versions: DatabaseVersions,
  db: StorageReader,
): Promise<void> {
  const { mode } = conf.federation;
  if (mode === 'STANDALONE') return;
  const field = 'FEDERATION/MODE';
  if (versions.local === undefined || (mode === 'MASTER' && versions.shared === undefined)) {
    throw refuse('Database has to be bootstraped to start oned in FEDERATION', field);
  }
  if (mode !== 'SLAVE') return;
  if (versions.shared === undefined || !(await sharedTablesPopulated(db))) {
    throw refuse(
      'Cannot access shared DB tables. Check DB replica configuration.',
      'db_versioning',
    );
  }
  const order = compareVersions(versions.shared, SHARED_DB_VERSION);
  if (order < 0)
    throw refuse('Cannot join federation, oned master needs upgrade.', 'db_versioning');
  if (order > 0) {
    throw refuse(
      `Cannot join federation, this slave needs upgrade: the master's federated tables are at ${versions.shared}, this release reads ${SHARED_DB_VERSION}.`,
      'db_versioning',
    );
  }
}
