import { resolve } from 'node:path';
import { Flags } from '@oclif/core';
import type { ImportSlaveResult } from '@onekit/daemon';
import { OnedbCommand } from '../../onedb/onedb-command.js';
import { slaveDatabaseFlags } from '../../onedb/slave-database.js';

export default class ImportSlave extends OnedbCommand<ImportSlaveResult> {
  static override summary = "Merge another zone's database into this federation master's database.";
  static override description = [
    "Imports an existing zone (its SQLite file, --slave-sqlite, or its MySQL database, the --slave-* options) into the master database the connection options name, so that it can join the federation as a slave zone: its users and groups move into the master with new ids, its ACL rules follow (its own zone becomes --zone-id, the zone created for it on the master with onezone create), and the objects of its local tables (VMs, hosts, images, ...) keep their owners and groups under the new ids. Both daemons must be stopped. Both databases are backed up first (-b names the master's backup; the slave's gets -slave appended), and restored if anything fails.",
    "A user or group whose name the master already has is either merged into the master's (--merge-users, --merge-groups: the master's attributes win, the slave's groups are added) or imported under a new name, name-1 (then -2, ...). On a terminal the command asks; otherwise the flags are required. The old id, the new id and the new name of every user and group are written to onedb-import.log in the current directory (--log FILE).",
    "Afterwards the slave zone takes the master's federated tables: onedb backup --federated on the master, onedb restore --federated on the slave (and on the other slave zones, whose copies lack the imported users); then start the slave with FEDERATION/MODE SLAVE and ZONE_ID set to the imported zone's id.",
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> -u oneadmin -d opennebula --slave-server 192.168.122.4 --slave-username oneadmin --slave-dbname opennebula',
    '<%= config.bin %> <%= command.id %> -s /var/lib/one/one.db --slave-sqlite /backup/zone2.db --zone-id 100 --merge-users --no-merge-groups',
  ];
  static override flags = {
    ...slaveDatabaseFlags,
    'zone-id': Flags.integer({
      description: 'The id of the zone created on the master for the slave.',
      min: 1,
    }),
    'merge-users': Flags.boolean({
      description: "Merge the slave's users into the master's users of the same name.",
      allowNo: true,
    }),
    'merge-groups': Flags.boolean({
      description: "Merge the slave's groups into the master's groups of the same name.",
      allowNo: true,
    }),
    log: Flags.string({
      description: 'Where to write the id mapping. Default: onedb-import.log here.',
      helpValue: 'FILE',
    }),
    backup: Flags.string({
      char: 'b',
      description:
        'Where to back up the master database. Default: a new file in the var directory.',
      helpValue: 'FILE',
    }),
    force: Flags.boolean({ char: 'f', description: 'Replace the backup files if they exist.' }),
  };

  async run(): Promise<ImportSlaveResult> {
    const { flags } = await this.parse(ImportSlave);
    const { defaultBackupFile, importSlave } = await import('@onekit/daemon');
    const { installationDaemon } = await import('../../onedb/offline-database.js');
    const { slaveDatabase } = await import('../../onedb/slave-database.js');
    const { flagOrPrompt } = await import('../../prompt/index.js');
    const master = await this.database(flags);
    const slave = await slaveDatabase(
      flags,
      this.io.canPrompt() ? () => this.prompter.password('Slave MySQL Password:') : undefined,
    );
    const zoneId = await flagOrPrompt({
      value: flags['zone-id'],
      flag: 'zone-id',
      io: this.io,
      ask: async () =>
        Number(
          await this.prompter.input(
            'Please enter the Zone ID that you created to represent the new Slave OpenNebula: Zone ID:',
            {
              validate: (text) =>
                /^[1-9]\d*$/.test(text.trim()) || 'a zone id: a whole number above 0',
            },
          ),
        ),
    });
    const ask = (what: string) => () =>
      this.prompter.confirm(`Do you want to merge ${what} (Y/N):`, { default: false });
    const mergeUsers = await flagOrPrompt({
      value: flags['merge-users'],
      flag: 'merge-users',
      io: this.io,
      ask: ask('USERS'),
    });
    const mergeGroups = await flagOrPrompt({
      value: flags['merge-groups'],
      flag: 'merge-groups',
      io: this.io,
      ask: ask('GROUPS'),
    });
    const paths = this.paths();
    const clock = () => new Date();
    return importSlave({
      master,
      slave,
      zoneId,
      mergeUsers,
      mergeGroups,
      logFile: resolve(flags.log ?? 'onedb-import.log'),
      backup: {
        file: resolve(
          flags.backup ??
            defaultBackupFile({ db: master, kind: 'full', varDir: paths.var, now: clock() }),
        ),
        force: flags.force,
      },
      daemon: await installationDaemon({ paths, env: this.env, home: this.home }),
      clock,
    });
  }

  protected override async renderText(result: ImportSlaveResult): Promise<string> {
    const { renderImportSlave } = await import('../../onedb/onedb-check-text.js');
    return renderImportSlave(result);
  }
}
