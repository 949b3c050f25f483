// onedb upgrade, as oned's onedb runs it: the daemon must be stopped; the versions are read;
// nothing to do ends there; a backup is taken; the shared chain runs unless the database
// is a federation slave's, then the local chain, each step adding its versioning row. The
// chains are resolved before anything changes, so a missing migrator stops the upgrade on
// an untouched database. SQLite: one transaction, rolled back whole on failure or
// interruption. MySQL: a marker row while it runs (upgrade-marker.ts), and on failure the
// backup is restored.
import { OneKitError } from '@onekit/core';
import { ensureDaemonStopped, type DaemonCheck } from '../backup/daemon-check.js';
import {
  databaseMissing,
  databaseName,
  openSession,
  type DbSession,
} from '../backup/db-session.js';
import { restoreBackup } from '../backup/restore-backup.js';
import { takeBackup } from '../backup/take-backup.js';
import {
  currentVersion,
  LOCAL_VERSIONS,
  SHARED_VERSIONS,
  type VersionRow,
} from '../backup/version-rows.js';
import type { Backend, DbConfig } from '../storage/index.js';
import {
  compareVersions,
  LOCAL_DB_VERSION,
  ONEKIT_VERSION,
  SHARED_DB_VERSION,
} from '../version/index.js';
import { resolveChain } from './migration-chain.js';
import { MigrationSession } from './migration-session.js';
import type { ChainName, Migrator } from './migrator.js';
import { migratorChains, type MigratorChains } from './migrators.js';
import { clearUpgradeMarker, readUpgradeMarker, upgradeMarkerWrite } from './upgrade-marker.js';

export interface UpgradeStep {
  readonly chain: ChainName;
  readonly from: string;
  readonly to: string;
  readonly description: string;
}

export interface UpgradeOptions {
  readonly db: DbConfig;
  readonly daemon: DaemonCheck;
  /** Where to back up first; undefined: no backup (a failure leaves what it left). */
  readonly backupFile: string | undefined;
  readonly clock: () => Date;
  /** The chains to follow; this release's by default. */
  readonly chains?: MigratorChains;
  /** The versions to reach; this release's by default. */
  readonly required?: { readonly shared: string; readonly local: string };
  /** Called once the backup is written. */
  readonly onBackup?: (file: string) => void;
  /** Called before each step runs. */
  readonly onStep?: (step: UpgradeStep) => void;
}

export interface UpgradeResult {
  readonly database: string;
  readonly backend: Backend;
  /** false: the database was at the required versions already. */
  readonly upgraded: boolean;
  readonly backup: string | null;
  readonly shared: { readonly from: string; readonly to: string };
  readonly local: { readonly from: string; readonly to: string };
  /** The database is a federation slave's: its shared chain was left to the master's. */
  readonly slave: boolean;
  readonly steps: readonly UpgradeStep[];
}

interface Found {
  readonly shared: VersionRow;
  readonly local: VersionRow;
  readonly interrupted: boolean;
}

function upgradeError(message: string, field: string, cause?: unknown): OneKitError {
  return new OneKitError('DB_UPGRADE', message, { field }, cause === undefined ? {} : { cause });
}

async function readFound(session: DbSession, db: DbConfig): Promise<Found> {
  const existing = await session.tableNames();
  const shared = existing.has(SHARED_VERSIONS)
    ? await currentVersion(session, SHARED_VERSIONS)
    : undefined;
  const local = existing.has(LOCAL_VERSIONS)
    ? await currentVersion(session, LOCAL_VERSIONS)
    : undefined;
  if (!shared || !local) {
    throw upgradeError(
      `Database ${databaseName(db)} is not bootstrapped: there is nothing to upgrade`,
      shared ? LOCAL_VERSIONS : SHARED_VERSIONS,
    );
  }
  return { shared, local, interrupted: (await readUpgradeMarker(session)) !== undefined };
}

function refuseNewer(chain: ChainName, found: string, required: string): void {
  if (compareVersions(found, required) > 0) {
    throw upgradeError(
      `The ${chain} tables are at ${found}, newer than this release's ${required}: ` +
        'onedb upgrade cannot downgrade',
      chain,
    );
  }
}

function migratedComment(from: string, to: string): string {
  return `Database migrated from ${from} to ${to} (OneKit ${ONEKIT_VERSION}) by onedb command.`;
}

async function runStep(
  tx: MigrationSession,
  chain: ChainName,
  migrator: Migrator,
  o: { now: number; isSlave: boolean },
): Promise<void> {
  try {
    await migrator.migrate(tx);
  } catch (err) {
    throw upgradeError(
      `the ${chain} migrator from ${migrator.from} to ${migrator.to} failed: ` +
        (err instanceof Error ? err.message : String(err)),
      `${chain}.${migrator.from}`,
      err,
    );
  }
  const table = chain === 'shared' ? SHARED_VERSIONS : LOCAL_VERSIONS;
  const [last] = await tx.query(`SELECT MAX(oid) AS oid FROM ${table}`);
  const row = {
    oid: Number(last?.oid ?? -1) + 1,
    version: migrator.to,
    timestamp: o.now,
    comment: migratedComment(migrator.from, migrator.to),
  };
  await tx.run({
    op: 'insert',
    table,
    row: chain === 'shared' ? row : { ...row, is_slave: o.isSlave ? 1 : 0 },
  });
}

export async function upgradeDatabase(o: UpgradeOptions): Promise<UpgradeResult> {
  await ensureDaemonStopped(o.daemon);
  const chains = o.chains ?? migratorChains;
  const required = o.required ?? { shared: SHARED_DB_VERSION, local: LOCAL_DB_VERSION };
  const opened = await openSession(o.db, { create: false });
  if (!opened) throw databaseMissing(o.db);
  let session: DbSession | undefined = opened;
  const close = async (): Promise<void> => {
    await session?.close();
    session = undefined;
  };
  try {
    const found = await readFound(opened, o.db);
    const slave = found.local.isSlave === true;
    refuseNewer('local', found.local.version, required.local);
    if (!slave) refuseNewer('shared', found.shared.version, required.shared);
    const plan: { chain: ChainName; migrator: Migrator }[] = [
      ...(slave
        ? []
        : resolveChain('shared', chains.shared, found.shared.version, required.shared)
      ).map((migrator) => ({ chain: 'shared' as const, migrator })),
      ...resolveChain('local', chains.local, found.local.version, required.local).map(
        (migrator) => ({ chain: 'local' as const, migrator }),
      ),
    ];
    const steps = plan.map(({ chain, migrator: m }) => ({
      chain,
      from: m.from,
      to: m.to,
      description: m.description,
    }));
    const result = (backup: string | null, upgraded: boolean): UpgradeResult => ({
      database: databaseName(o.db),
      backend: o.db.backend,
      upgraded,
      backup,
      shared: { from: found.shared.version, to: slave ? found.shared.version : required.shared },
      local: { from: found.local.version, to: required.local },
      slave,
      steps,
    });
    const tx = new MigrationSession(opened);
    if (plan.length === 0) {
      // Only the marker of an upgrade killed after its last step can remain.
      if (found.interrupted) await tx.run(clearUpgradeMarker);
      return result(null, false);
    }

    if (o.backupFile !== undefined) {
      await takeBackup({
        db: o.db,
        file: o.backupFile,
        force: false,
        kind: 'full',
        clock: o.clock,
      });
      o.onBackup?.(o.backupFile);
    }
    const now = Math.floor(o.clock().getTime() / 1000);
    if (!tx.atomic) {
      await tx.run(upgradeMarkerWrite({ backup: o.backupFile, started: now }));
    }
    await tx.begin();
    try {
      for (const { chain, migrator } of plan) {
        o.onStep?.(steps.find((s) => s.chain === chain && s.from === migrator.from)!);
        await runStep(tx, chain, migrator, { now, isSlave: slave });
      }
      await tx.run(clearUpgradeMarker);
      await tx.commit();
    } catch (err) {
      await tx.rollback();
      if (!tx.atomic && o.backupFile !== undefined) {
        await close();
        await restoreBackup({
          file: o.backupFile,
          db: o.db,
          force: true,
          federated: false,
          daemon: o.daemon,
        });
      }
      throw err;
    }
    return result(o.backupFile ?? null, true);
  } finally {
    await close();
  }
}
