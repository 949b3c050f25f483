// onedb fsck: refuses to repair under a running daemon, backs the database up, finds the
// problems and repairs the fixable ones in one transaction. Any failure after the backup
// restores it. --dry only reads (and may run beside the daemon).
import type { DbConfig } from '../storage/index.js';
import { openDatabase, type Backend } from '../storage/index.js';
import {
  ensureDaemonStopped,
  restoreBackup,
  takeBackup,
  type DaemonCheck,
} from '../backup/index.js';
import { databaseMissing, databaseName, openSession } from '../backup/db-session.js';
import type { FederationMode } from '../write-path/index.js';
import { findProblems, type Findings } from './find-problems.js';
import type { FsckProblem } from './fsck-problem.js';

export interface FsckOptions {
  readonly db: DbConfig;
  /** Report only: no backup, no repair, no daemon check. */
  readonly dry: boolean;
  /** FEDERATION/MODE of oned.conf: what fed_index the log's records must carry. */
  readonly federation: FederationMode;
  /** Where the backup goes before a repair; `force` replaces an existing file (-f). */
  readonly backup: { readonly file: string; readonly force: boolean };
  readonly daemon: DaemonCheck;
  readonly clock: () => Date;
}

export interface FsckResult {
  readonly backend: Backend;
  /** The database checked: its file, or `<db> at <server>`. */
  readonly database: string;
  readonly dry: boolean;
  readonly problems: readonly FsckProblem[];
  /** Problems repaired (0 with --dry). */
  readonly fixed: number;
  /** The backup taken before the repair. */
  readonly backup?: string;
}

async function ensureExists(db: DbConfig): Promise<void> {
  const session = await openSession(db, { create: false, readonly: true });
  if (!session) throw databaseMissing(db);
  await session.close();
}

async function check(o: FsckOptions): Promise<Findings> {
  const now = Math.floor(o.clock().getTime() / 1000);
  const options = { federation: o.federation, now };
  const database = await openDatabase(
    o.db.backend === 'mysql' ? { ...o.db, connections: 2 } : o.db,
  );
  try {
    if (o.dry) return await findProblems(database, options);
    return await database.transaction(async (tx) => {
      const findings = await findProblems(tx, options);
      for (const op of findings.writes) await tx.run(op);
      return findings;
    });
  } finally {
    await database.close();
  }
}

export async function fsckDatabase(o: FsckOptions): Promise<FsckResult> {
  await ensureExists(o.db);
  const base = { backend: o.db.backend, database: databaseName(o.db), dry: o.dry };
  if (o.dry) {
    const { problems } = await check(o);
    return { ...base, problems, fixed: 0 };
  }
  await ensureDaemonStopped(o.daemon);
  const backup = await takeBackup({
    db: o.db,
    file: o.backup.file,
    force: o.backup.force,
    kind: 'full',
    clock: o.clock,
  });
  try {
    const { problems } = await check(o);
    return {
      ...base,
      problems,
      fixed: problems.filter((p) => p.fixable).length,
      backup: backup.file,
    };
  } catch (err) {
    await restoreBackup({
      file: backup.file,
      db: o.db,
      force: true,
      federated: false,
      daemon: o.daemon,
    });
    throw err;
  }
}
