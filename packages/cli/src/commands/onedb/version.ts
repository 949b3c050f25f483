import type { VersionReport } from '@onekit/daemon';
import { OnedbCommand } from '../../onedb/onedb-command.js';

export default class Version extends OnedbCommand<VersionReport> {
  static override summary = 'Print the schema versions of the database.';
  static override description = [
    'Prints the versions of the federated (shared) and local tables, the row with the highest oid of db_versioning and local_db_versioning, and the versions this release needs; with -v, the timestamp and comment of each and whether the database is a federation slave.',
    "The exit status tells the state, as oned's onedb: 0 the versions match, 1 the database has not been bootstrapped, 2 it is older than required (upgrade needed), 3 it is newer than this release supports, 255 (-1) any other problem, a connection error for instance.",
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -v',
    '<%= config.bin %> <%= command.id %> -S db1 -u oneadmin -d opennebula',
  ];

  private verbose = false;

  async run(): Promise<VersionReport> {
    const { flags } = await this.parse(Version);
    this.verbose = flags.verbose;
    const { readVersionReport } = await import('@onekit/daemon');
    const report = await readVersionReport(await this.database(flags));
    this.exitStatus = report.status;
    if (report.status === 1 && !flags.json) {
      this.io.err(`${this.config.bin}: Database ${report.database} is not bootstrapped.\n`);
    }
    return report;
  }

  protected override async renderText(report: VersionReport): Promise<string> {
    const { renderVersion } = await import('../../onedb/onedb-text.js');
    return renderVersion(report, { verbose: this.verbose });
  }
}
