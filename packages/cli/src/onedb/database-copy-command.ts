// The shape of onedb sqlite2mysql and mysql2sqlite: both take -s FILE and the MySQL
// options at once (each names one side), -f to replace a target that holds tables and
// -b FILE for the backup of the target being replaced.
import { resolve } from 'node:path';
import { Flags } from '@oclif/core';
import type { ConvertResult, DbConfig } from '@onekit/daemon';
import type { ConnectionFlagValues } from './connection-flags.js';
import { OnedbCommand } from './onedb-command.js';

export const databaseCopyFlags = {
  force: Flags.boolean({
    char: 'f',
    description: 'Replace a target that holds tables (and an existing backup file).',
  }),
  backup: Flags.string({
    char: 'b',
    description:
      'Where to back up a target that is replaced. Default: a new file in the var directory.',
    helpValue: 'FILE',
  }),
};

export abstract class DatabaseCopyCommand extends OnedbCommand<ConvertResult> {
  protected verbose = false;

  /** The SQLite side (-s, default: the layout's one.db) and the MySQL side (its options). */
  protected async sides(
    flags: ConnectionFlagValues,
  ): Promise<{ sqlite: DbConfig; mysql: DbConfig }> {
    const sqlite: DbConfig = {
      backend: 'sqlite',
      file: resolve(flags.sqlite ?? this.paths().sqliteDb),
    };
    const mysql = await this.database({ ...flags, sqlite: undefined, type: 'mysql' });
    return { sqlite, mysql };
  }

  protected async copy(
    from: DbConfig,
    to: DbConfig,
    flags: { force: boolean; backup?: string | undefined; verbose: boolean; json: boolean },
  ): Promise<ConvertResult> {
    this.verbose = flags.verbose;
    const { convertDatabase, defaultBackupFile } = await import('@onekit/daemon');
    const { installationDaemon } = await import('./offline-database.js');
    const paths = this.paths();
    const clock = () => new Date();
    const file = resolve(
      flags.backup ?? defaultBackupFile({ db: to, kind: 'full', varDir: paths.var, now: clock() }),
    );
    const progress = flags.json ? undefined : this.io.progress();
    let shown = false;
    const result = await convertDatabase({
      from,
      to,
      force: flags.force,
      backup: { file, force: flags.force },
      daemon: await installationDaemon({ paths, env: this.env, home: this.home }),
      clock,
      onProgress: (p) => {
        shown = true;
        progress?.start(`Copying ${p.table}: ${p.rows} rows`);
      },
    });
    if (shown) progress?.succeed('Copy');
    return result;
  }

  protected override async renderText(result: ConvertResult): Promise<string> {
    const { renderConvert } = await import('./onedb-check-text.js');
    return renderConvert(result, { verbose: this.verbose });
  }
}
