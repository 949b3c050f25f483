import { resolve } from 'node:path';
import { Args } from '@oclif/core';
import type { ReownResult } from '@onekit/daemon';
import { OnedbCommand } from '../../onedb/onedb-command.js';

export default class Reown extends OnedbCommand<ReownResult> {
  static override summary =
    "Give this zone's local objects the new ids and names of their imported owners and groups.";
  static override description = [
    "The local half of importing a zone into a federation: once the zone's users and groups exist on the master under new ids (onezone fed-join --import recreates them, or an administrator did), every object of the zone's local tables (VMs, hosts, images, templates, ...) is given its owner's and group's new id and name (the uid and gid columns, and UID, UNAME, GID, GNAME in its body), and quota and VLAN rows keyed by a user or group move to the new key. The mapping is an onedb-import.log: one line per user or group, `user|group OLD-ID OLD-NAME -> NEW-ID NEW-NAME (ACTION)`, lines starting with # ignored.",
    'The daemon must be stopped. The change is one transaction; the digest of the mapping is kept in the database with it, so running the same log again changes nothing. Take a backup first (onedb backup).',
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> /var/lib/one/backups/ha/onedb-import.log',
  ];
  static override args = {
    log: Args.string({ description: 'The onedb-import.log to apply.', required: true }),
  };

  async run(): Promise<ReownResult> {
    const { args, flags } = await this.parse(Reown);
    const { reownLocalObjects } = await import('@onekit/daemon');
    const { installationDaemon } = await import('../../onedb/offline-database.js');
    const paths = this.paths();
    return reownLocalObjects({
      db: await this.database(flags),
      logFile: resolve(args.log),
      daemon: await installationDaemon({ paths, env: this.env, home: this.home }),
    });
  }

  protected override async renderText(result: ReownResult): Promise<string> {
    return result.alreadyApplied
      ? `${result.logFile} was applied already: nothing changed.\n`
      : `${result.localWrites} local rows now name the new owners and groups of ${result.users} users and ${result.groups} groups (${result.logFile}).\n`;
  }
}
