import { resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { isOneKitError, loadOnedConf, resolveEndpoint } from '@onekit/core';
import type { RestoreResult } from '@onekit/daemon';
import { OnedbCommand } from '../../onedb/onedb-command.js';

export default class Restore extends OnedbCommand<RestoreResult> {
  static override summary = 'Restore the database from a backup file; the daemon must be stopped.';
  static override description = [
    "Refuses while the daemon runs (its lock file is held by a live process, or a daemon answers one.system.version on the endpoint of oned.conf), and refuses to replace an existing database without -f (SQLite: the file exists; MySQL: the database holds user 0), as oned's onedb does.",
    "The backup is read and checked whole first (its length and SHA-256, and for a text backup every line and the row counts); a truncated or corrupted file is refused with its file (and line), before anything replaces the live database. The restore then builds a new database (SQLite: a new file beside the target, which a page image is copied to; MySQL: new tables beside the live ones), checks its row counts and schema versions (and, for a page image, SQLite's quick_check), and only then swaps it in: a rename of the file, or one RENAME TABLE statement. The live database stays as it was until that moment.",
    '--federated replaces only the federated tables, the pool counters of the federated pools and the federated records of the log, keeping the local tables; it needs no -f. A backup taken with --federated is always restored that way.',
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> /var/lib/one/one.db_2026-1-5_3:4:5.bck',
    '<%= config.bin %> <%= command.id %> -f /backup/one.bck',
    '<%= config.bin %> <%= command.id %> --federated /backup/master-federated.bck',
  ];
  static override args = {
    file: Args.string({ description: 'The backup file.', required: true }),
  };
  static override flags = {
    force: Flags.boolean({ char: 'f', description: 'Replace an existing database.' }),
    federated: Flags.boolean({
      description: 'Replace only the federated tables and federated log records.',
    }),
  };

  private verbose = false;

  async run(): Promise<RestoreResult> {
    const { args, flags } = await this.parse(Restore);
    this.verbose = flags.verbose;
    const { processIsAlive, restoreBackup } = await import('@onekit/daemon');
    const db = await this.database(flags);
    const paths = this.paths();
    const progress = flags.json ? undefined : this.io.progress();
    let shown = false;
    const result = await restoreBackup({
      file: resolve(args.file),
      db,
      force: flags.force,
      federated: flags.federated,
      daemon: {
        lockFile: paths.lock,
        isAlive: processIsAlive,
        endpoint: await this.daemonEndpoint(),
      },
      onProgress: (p) => {
        shown = true;
        progress?.start(
          'table' in p
            ? `Restoring ${p.table}: ${p.rows} rows`
            : `Restoring the database: ${Math.floor((100 * p.bytes) / p.total)}%`,
        );
      },
    });
    if (shown) progress?.succeed('Restore');
    return result;
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

  protected override async renderText(result: RestoreResult): Promise<string> {
    const { renderRestore } = await import('../../onedb/onedb-text.js');
    return renderRestore(result, { verbose: this.verbose });
  }
}
