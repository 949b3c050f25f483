import { resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { isOneKitError, loadOnedConf, resolveEndpoint } from '@onekit/core';
import type { UpgradeResult } from '@onekit/daemon';
import { OnedbCommand } from '../../onedb/onedb-command.js';

export default class Upgrade extends OnedbCommand<UpgradeResult> {
  static override summary =
    'Upgrade the database schema to the versions this release needs; the daemon must be stopped.';
  static override description = [
    'Refuses while the daemon runs, as onedb restore does. Reads the versions of the federated (shared) and local tables; when they are the ones this release needs, prints "Database schema is up to date." and exits 0. Otherwise it backs up the whole database first (to -b FILE, or to the file onedb backup would name) and prints where, then runs the migrators from each version to the next: the shared chain, unless the database is a federation slave\'s (local_db_versioning.is_slave), whose federated tables come from the master\'s federated backup; then the local chain. Each step adds a versioning row "Database migrated from <old> to <new> (OneKit <release>) by onedb command." and reports itself on stderr.',
    'The chains are found before anything changes: a version with no migrator stops the upgrade on an untouched database. On SQLite the whole upgrade is one transaction: a failure or an interruption leaves the database as it was. On MySQL every schema change commits on its own, so the upgrade marks the database while it runs (a system_attributes row ONEDB_UPGRADE naming the backup): on a failure it restores the backup; if it is killed, the daemon refuses to start and onedb version reports the interruption until onedb upgrade is run again or the backup is restored (onedb restore -f).',
    "With --no-backup nothing is backed up: on MySQL a failure leaves the database as the failing step left it. The version argument is accepted and ignored, as by oned's onedb. Exit status: 0 upgraded or up to date, 255 (-1) any failure.",
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -b /var/lib/one/before-upgrade.bck',
    '<%= config.bin %> <%= command.id %> -S db1 -u oneadmin -d opennebula',
  ];
  static override args = {
    version: Args.string({ description: "Accepted and ignored, as by oned's onedb." }),
  };
  static override flags = {
    force: Flags.boolean({
      char: 'f',
      description: 'Accepted for compatibility: the upgrade never asks.',
    }),
    backup: Flags.string({
      char: 'b',
      description: 'Write the backup to this file (it must not exist).',
      helpValue: 'FILE',
      exclusive: ['no-backup'],
    }),
    'no-backup': Flags.boolean({
      description:
        'Take no backup. On MySQL a failed upgrade then leaves the database as the failing step left it.',
    }),
  };

  async run(): Promise<UpgradeResult> {
    const { flags } = await this.parse(Upgrade);
    const { defaultBackupFile, processIsAlive, upgradeDatabase } = await import('@onekit/daemon');
    const db = await this.database(flags);
    const clock = () => new Date();
    const backupFile = flags['no-backup']
      ? undefined
      : resolve(
          flags.backup ??
            defaultBackupFile({ db, kind: 'full', varDir: this.paths().var, now: clock() }),
        );
    return upgradeDatabase({
      db,
      daemon: {
        lockFile: this.paths().lock,
        isAlive: processIsAlive,
        endpoint: await this.daemonEndpoint(),
      },
      backupFile,
      clock,
      onBackup: (file) => this.io.err(`Database backup stored in ${file}\n`),
      onStep: (step) =>
        this.io.err(
          `  > Running ${step.chain} migrator ${step.from} to ${step.to}: ${step.description}\n`,
        ),
    });
  }

  /** Where this installation's daemon answers: oned.conf's address, else the client default. */
  private async daemonEndpoint(): Promise<string> {
    const { onedEndpoint } = await import('@onekit/daemon');
    const paths = this.paths();
    try {
      return onedEndpoint(await loadOnedConf(paths.onedConf));
    } catch (err) {
      if (!isOneKitError(err, 'CONFIG_MISSING')) throw err;
      return resolveEndpoint({ env: this.env, home: this.home, paths });
    }
  }

  protected override async renderText(result: UpgradeResult): Promise<string> {
    const { renderUpgrade } = await import('../../onedb/onedb-text.js');
    return renderUpgrade(result);
  }
}
