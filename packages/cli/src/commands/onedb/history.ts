import type { VersionRow } from '@onekit/daemon';
import { OnedbCommand } from '../../onedb/onedb-command.js';

export default class History extends OnedbCommand<VersionRow[]> {
  static override summary = 'Print the upgrade history of the database.';
  static override description =
    'Prints one block per row of db_versioning, oldest first: the version, when it was written (month/day and local time) and its comment (a bootstrap, or the upgrade that wrote it).';
  static override examples = ['<%= config.bin %> <%= command.id %>'];

  async run(): Promise<VersionRow[]> {
    const { flags } = await this.parse(History);
    const { readVersionHistory } = await import('@onekit/daemon');
    return readVersionHistory(await this.database(flags));
  }

  protected override async renderText(rows: VersionRow[]): Promise<string> {
    const { renderHistory } = await import('../../onedb/onedb-text.js');
    return renderHistory(rows);
  }
}
