// The backends every storage and write-path suite runs against: SQLite in a temporary
// file and the scratch MariaDB server (started on first use, stopped after the run).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'mocha';
import { startMariaDb, type ScratchMariaDb } from '../../../../test/support/mariadb.js';
import type { Backend, DbConfig } from '../../src/storage/index.js';

export interface BackendFixture {
  readonly name: Backend;
  /** The DB section of a new, empty database; opening it twice reaches the same data. */
  freshConfig(): Promise<DbConfig>;
}

let tempRoot: string | undefined;
let mariadb: ScratchMariaDb | undefined;
let counter = 0;

/** A directory for this test run, removed after it. */
export function scratchDir(): string {
  tempRoot ??= mkdtempSync(join(tmpdir(), 'onekit-storage-'));
  return tempRoot;
}

/** The scratch MariaDB server of this run, stopped after it. */
export async function mariaDbServer(): Promise<ScratchMariaDb> {
  mariadb = await startMariaDb();
  return mariadb;
}

export const backends: readonly BackendFixture[] = [
  {
    name: 'sqlite',
    async freshConfig() {
      return { backend: 'sqlite', file: join(scratchDir(), `one-${++counter}.db`) };
    },
  },
  {
    name: 'mysql',
    async freshConfig() {
      const server = await mariaDbServer();
      return {
        backend: 'mysql',
        server: server.host,
        port: server.port,
        user: server.user,
        passwd: server.password,
        dbName: `onekit_${process.pid}_${++counter}`,
        connections: 4,
      };
    },
  },
];

// Registered at load time, hence on mocha's root suite: runs once, after every suite.
after(async () => {
  await mariadb?.stop();
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
});
