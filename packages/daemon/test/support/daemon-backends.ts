// The database backends every process suite runs on: SQLite in the root's var directory
// and a database of its own on the scratch MariaDB server.
import { after } from 'mocha';
import { loadOnedConf, type OnedConfig } from '@onekit/core';
import { startMariaDb, type ScratchMariaDb } from '../../../../test/support/mariadb.js';
import { storageConfig } from '../../src/process/index.js';
import { openDatabase, type Database } from '../../src/storage/index.js';
import type { DaemonRoot } from './daemon-root.js';

export interface DaemonBackend {
  readonly name: 'sqlite' | 'mysql';
  /** The oned.conf change that points a new root at a new, empty database. */
  database(): Promise<(conf: OnedConfig) => void>;
}

let mariadb: ScratchMariaDb | undefined;
let counter = 0;

after(async () => {
  await mariadb?.stop();
  mariadb = undefined;
});

export const daemonBackends: readonly DaemonBackend[] = [
  { name: 'sqlite', database: async () => () => undefined },
  {
    name: 'mysql',
    async database() {
      mariadb ??= await startMariaDb();
      const server = mariadb;
      const dbName = `onekit_daemon_${process.pid}_${++counter}`;
      return (conf) => {
        conf.db = {
          ...conf.db,
          backend: 'mysql',
          server: server.host,
          port: server.port,
          user: server.user,
          passwd: server.password,
          dbName,
          connections: 4,
        };
      };
    },
  },
];

/** The root's database, opened as the daemon opens it (for checks made beside it). */
export async function openRootDatabase(root: DaemonRoot): Promise<Database> {
  const conf = await loadOnedConf(root.paths.onedConf);
  return openDatabase(storageConfig(conf, root.paths));
}
