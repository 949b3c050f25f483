import { resolve } from 'node:path';
import { Flags } from '@oclif/core';
import type { FsckResult } from '@onekit/daemon';
import { OnedbCommand } from '../../onedb/onedb-command.js';

export default class Fsck extends OnedbCommand<FsckResult> {
  static override summary = 'Check the database for inconsistencies and repair them.';
  static override description = [
    "Checks OneKit's tables: pool_control counters at least the highest id of each pool; users whose primary or secondary groups do not exist (moved to the users group, or dropped from GROUPS); group member lists that disagree with the users' GROUPS, both ways; ACL rules naming users, groups or zones that no longer exist (deleted); zone SERVER_POOL ids that repeat (the later server gets the next id); the log: record 0 present, no record left unapplied below an applied one, and fed_index as FEDERATION/MODE of oned.conf wants it; and every user, group and zone body, which must parse. A body that does not parse, and a hole in the log, are reported and never invented.",
    'Each problem is printed on one line naming the table, the object and what is wrong. Without --dry, the daemon must be stopped: the database is backed up first (-b names the file, -f replaces it), then every fixable problem is repaired in one transaction; if anything fails, the backup is restored. --dry only reads, and may run beside the daemon.',
    "The exit status is oned's onedb fsck's: 0 no problem found, 1 problems found (and repaired unless --dry), 255 (-1) failure.",
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> --dry',
    '<%= config.bin %> <%= command.id %> -b /backup/before-fsck.bck',
    '<%= config.bin %> <%= command.id %> -S db1 -u oneadmin -d opennebula --json',
  ];
  static override flags = {
    force: Flags.boolean({ char: 'f', description: 'Replace the backup file if it exists.' }),
    backup: Flags.string({
      char: 'b',
      description:
        'Where to back up the database before repairing. Default: a new file in the var directory.',
      helpValue: 'FILE',
    }),
    dry: Flags.boolean({ description: 'Only report: change nothing and take no backup.' }),
  };

  async run(): Promise<FsckResult> {
    const { flags } = await this.parse(Fsck);
    const { defaultBackupFile, fsckDatabase } = await import('@onekit/daemon');
    const { federationMode, installationDaemon } = await import('../../onedb/offline-database.js');
    const db = await this.database(flags);
    const paths = this.paths();
    const clock = () => new Date();
    const file = resolve(
      flags.backup ?? defaultBackupFile({ db, kind: 'full', varDir: paths.var, now: clock() }),
    );
    const result = await fsckDatabase({
      db,
      dry: flags.dry,
      federation: await federationMode(paths),
      backup: { file, force: flags.force },
      daemon: await installationDaemon({ paths, env: this.env, home: this.home }),
      clock,
    });
    if (result.problems.length > 0) this.exitStatus = 1;
    return result;
  }

  protected override async renderText(result: FsckResult): Promise<string> {
    const { renderFsck } = await import('../../onedb/onedb-check-text.js');
    return renderFsck(result);
  }
}
