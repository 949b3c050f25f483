import { resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import type { BackupResult } from '@onekit/daemon';
import { OnedbCommand } from '../../onedb/onedb-command.js';

export default class Backup extends OnedbCommand<BackupResult> {
  static override summary = 'Back up the database to a file, while the daemon runs.';
  static override description = [
    "Writes every table (or, with --federated, the federated tables, their pool counters and the federated records of the log) to a file, read in one consistent snapshot, so the daemon can go on running and writing: SQLite reads in one transaction of its own, MySQL in START TRANSACTION WITH CONSISTENT SNAPSHOT, on up to three connections that share one snapshot where the server allows it (a LOCK TABLES ... READ NOWAIT held for the moment their transactions start; otherwise on one connection), big tables in slices of their key range. Without a file name the backup goes to the var directory, named as oned's onedb names it: one.db_<date>_<time>.bck, or mysql_<server>_<db>_<date>_<time>.sql, with federated_ before the date for --federated.",
    "The file is OneKit's own format. A full backup of SQLite is a page image of the database (copied as a file once the write-ahead log is checkpointed into it, or through SQLite's online backup API while an older reader holds the log) followed by the backup's facts (kind, schema versions, row counts) and a trailer with the lengths and a SHA-256. MySQL backups and federated backups are text, the same for both backends: a header line (format, kind, schema versions, backend), a line per table definition and per row, and an end line with the row counts and a SHA-256 of everything before it. Either restores into either backend, and onedb restore checks the SHA-256. The file is written under a temporary name and renamed when complete, and created readable by its owner only.",
    'The last line but one of the output names the file ("... stored in <file>"). On big databases, progress goes to stderr.',
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --federated /var/lib/one/federated.bck',
    '<%= config.bin %> <%= command.id %> -S db1 -u oneadmin -d opennebula -f /backup/one.bck',
  ];
  static override args = {
    file: Args.string({
      description: 'Where to write the backup. Default: a new file in the var directory.',
    }),
  };
  static override flags = {
    force: Flags.boolean({ char: 'f', description: 'Replace the file if it exists.' }),
    federated: Flags.boolean({
      description: 'Back up only the federated tables and federated log records.',
    }),
  };

  private verbose = false;

  async run(): Promise<BackupResult> {
    const { args, flags } = await this.parse(Backup);
    this.verbose = flags.verbose;
    // The backup module alone: it loads in half the time of the whole daemon.
    const { defaultBackupFile, takeBackup } = await import('@onekit/daemon/backup');
    const db = await this.database(flags);
    const kind = flags.federated ? 'federated' : 'full';
    const clock = () => new Date();
    const file = resolve(
      args.file ?? defaultBackupFile({ db, kind, varDir: this.paths().var, now: clock() }),
    );
    const progress = flags.json ? undefined : this.io.progress();
    let shown = false;
    const result = await takeBackup({
      db,
      file,
      force: flags.force,
      kind,
      clock,
      onProgress: (p) => {
        shown = true;
        progress?.start(
          'table' in p
            ? `Backing up ${p.table}: ${p.rows} rows`
            : `Backing up the database: ${Math.floor((100 * p.bytes) / p.total)}%`,
        );
      },
    });
    if (shown) progress?.succeed('Backup');
    return result;
  }

  protected override async renderText(result: BackupResult): Promise<string> {
    const { renderBackup } = await import('../../onedb/onedb-text.js');
    return renderBackup(result, { verbose: this.verbose });
  }
}
