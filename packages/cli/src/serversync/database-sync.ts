// `onezone serversync --db`: this host's database becomes a copy of the server's, through
// `onedb` on both hosts, whatever their backend (upstream insists on MySQL). The server's
// backup is taken while its daemon runs (a consistent snapshot), copied here into the
// sync's backup folder, and restored with this host's daemon stopped; this host's own
// database is backed up beside it first, so that it can be put back.
import { posix } from 'node:path';
import type { HostTransport } from '../transport/host-transport.js';

/** The service whose database is replaced (stopped during the restore when it runs). */
export const DATABASE_SERVICE = 'opennebula';

export interface DatabaseSyncOutcome {
  /** The server's database, copied here. */
  readonly copy: string;
  /** This host's database as it was, to restore with `onedb restore -f`. */
  readonly saved: string;
  /** Whether the daemon was stopped for the restore and started again. */
  readonly restarted: boolean;
}

export async function syncDatabase(o: {
  readonly local: HostTransport;
  readonly remote: HostTransport;
  /** Absolute path of this sync's backup folder on this host. */
  readonly backupDir: string;
  readonly id: string;
  readonly say?: (line: string) => void;
}): Promise<DatabaseSyncOutcome> {
  const remoteVar = (await o.remote.paths()).var;
  // Inside the folder the server's agent lets serversync read.
  const remoteDump = posix.join(remoteVar, 'backups', 'serversync', `${o.id}-database.bck`);
  o.say?.(`Backing up the database of ${o.remote.host}\n`);
  const { file } = await o.remote.backupDatabase([remoteDump]);
  const content = await o.remote.readFile(file);
  await o.remote.removeFile(file);
  const copy = posix.join(o.backupDir, 'database-of-server.bck');
  await o.local.writeFile(copy, content, { mode: 0o600 });
  o.say?.('Backing up the database of this host\n');
  const saved = (await o.local.backupDatabase([posix.join(o.backupDir, 'database.bck')])).file;
  const running = (await o.local.service('status', DATABASE_SERVICE)).active;
  if (running) await o.local.service('stop', DATABASE_SERVICE);
  o.say?.(`Restoring the database of ${o.remote.host} here\n`);
  try {
    await o.local.restoreDatabase(copy, []);
  } finally {
    if (running) await o.local.service('start', DATABASE_SERVICE);
  }
  return { copy, saved, restarted: running };
}
