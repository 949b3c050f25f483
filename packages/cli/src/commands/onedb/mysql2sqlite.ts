import type { ConvertResult } from '@onekit/daemon';
import { DatabaseCopyCommand, databaseCopyFlags } from '../../onedb/database-copy-command.js';

export default class Mysql2sqlite extends DatabaseCopyCommand {
  static override summary = 'Copy a MySQL database into a SQLite file; the daemon must be stopped.';
  static override description = [
    "The reverse of onedb sqlite2mysql (OneKit's own: oned's onedb has no such command). Copies every table of OneKit's schema from the MySQL database the MySQL options name into the SQLite file (-s, default: one.db of the layout). The source's schema versions must be this release's. An existing file that holds tables is refused without -f; with -f it is backed up first (-b names the file).",
    'The copy is written to a new file beside the target (<file>.onedb-restore), checked against the source table by table (row count and a checksum of every row), and then renamed over the target: a run that is interrupted leaves the target as it was.',
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> -S db1 -u oneadmin -p pass -d opennebula -s /var/lib/one/one.db',
    '<%= config.bin %> <%= command.id %> -u oneadmin -d opennebula -s one.db -f',
  ];
  static override flags = databaseCopyFlags;

  async run(): Promise<ConvertResult> {
    const { flags } = await this.parse(Mysql2sqlite);
    const { sqlite, mysql } = await this.sides(flags);
    return this.copy(mysql, sqlite, flags);
  }
}
