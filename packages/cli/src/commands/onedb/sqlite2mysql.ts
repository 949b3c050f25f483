import type { ConvertResult } from '@onekit/daemon';
import { DatabaseCopyCommand, databaseCopyFlags } from '../../onedb/database-copy-command.js';

export default class Sqlite2mysql extends DatabaseCopyCommand {
  static override summary = 'Copy a SQLite database into MySQL; the daemon must be stopped.';
  static override description = [
    "Copies every table of OneKit's schema from the SQLite file (-s, default: one.db of the layout) into the MySQL database the MySQL options name, which is created if missing. The source's schema versions must be this release's (run onedb upgrade first otherwise). A MySQL database that already holds tables is refused without -f; with -f it is backed up first (-b names the file).",
    'Rows are streamed in batches, so big databases copy in bounded memory. The copy is loaded into tables under a temporary name (onekit_restore_<table>), checked against the source table by table (row count and a checksum of every row), and only then put in place with one RENAME TABLE: a run that is interrupted leaves the target as it was, and the next run clears what it left.',
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> -s /var/lib/one/one.db -S localhost -u oneadmin -p pass -d opennebula',
    '<%= config.bin %> <%= command.id %> -s one.db -u oneadmin -d opennebula -f -b /backup/mysql-before.bck',
  ];
  static override flags = databaseCopyFlags;

  async run(): Promise<ConvertResult> {
    const { flags } = await this.parse(Sqlite2mysql);
    const { sqlite, mysql } = await this.sides(flags);
    return this.copy(sqlite, mysql, flags);
  }
}
