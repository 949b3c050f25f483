// The databases of a trial's zone: SQLite in each root, or on MariaDB a database of its own
// for each server on the scratch server, copied table by table from the first server's as
// the HA procedure copies a backup.
import { loadOnedConf, type OnedConfig } from '@onekit/core';
import mysql from 'mysql2/promise';
import type { DaemonRoot } from '../../../../../test/support/daemon.js';
import { copySqliteDatabase } from '../../../../../test/support/ha-zone.js';
import { startMariaDb, type ScratchMariaDb } from '../../../../../test/support/mariadb.js';

export type Backend = 'sqlite' | 'mysql';

export interface TrialDatabases {
  readonly conf?: (serverId: number) => (conf: OnedConfig) => void;
  readonly copyDatabase: (from: DaemonRoot, to: DaemonRoot) => Promise<void>;
  /** The process of the database server the servers share (none on SQLite). */
  readonly serverPid?: number;
  /** Drops the databases made for the trial. */
  drop(): Promise<void>;
}

export async function trialDatabases(backend: Backend, name: string): Promise<TrialDatabases> {
  if (backend === 'sqlite') {
    return { copyDatabase: copySqliteDatabase, drop: async () => undefined };
  }
  const server = await startMariaDb();
  const names = new Set<string>();
  return {
    conf: (serverId) => (conf) => {
      const dbName = `${name}_${serverId}`;
      names.add(dbName);
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
    },
    copyDatabase: async (from, to) =>
      copyMariaDb(server, await databaseOf(from), await databaseOf(to)),
    serverPid: server.pid,
    async drop() {
      await withConnection(server, async (c) => {
        for (const db of names) await c.query(`DROP DATABASE IF EXISTS \`${db}\``);
      });
    },
  };
}

async function databaseOf(root: DaemonRoot): Promise<string> {
  return (await loadOnedConf(root.paths.onedConf)).db.dbName;
}

async function withConnection<T>(
  server: ScratchMariaDb,
  use: (c: mysql.Connection) => Promise<T>,
): Promise<T> {
  const c = await mysql.createConnection({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
  });
  try {
    return await use(c);
  } finally {
    await c.end();
  }
}

/** CREATE TABLE to.t LIKE from.t and INSERT ... SELECT, for every table. */
async function copyMariaDb(server: ScratchMariaDb, from: string, to: string): Promise<void> {
  await withConnection(server, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS \`${to}\``);
    await c.query(`CREATE DATABASE \`${to}\``);
    const [rows] = await c.query(`SHOW TABLES FROM \`${from}\``);
    for (const row of rows as Record<string, string>[]) {
      const table = Object.values(row)[0]!;
      await c.query(`CREATE TABLE \`${to}\`.\`${table}\` LIKE \`${from}\`.\`${table}\``);
      await c.query(`INSERT INTO \`${to}\`.\`${table}\` SELECT * FROM \`${from}\`.\`${table}\``);
    }
  });
}
