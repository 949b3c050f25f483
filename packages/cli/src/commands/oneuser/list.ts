import type { XmlObject } from '@onekit/core';
import {
  OneApiCommand,
  documentFlags,
  listFlags,
  tableOptions,
  type ListFlagValues,
} from '../../command/index.js';
import { describeColumns, renderTable } from '../../table/index.js';
import { readUserPool, userRows, userTable, type UserPool } from '../../user/index.js';

export default class UserList extends OneApiCommand<XmlObject | string> {
  static override summary = 'List the users.';
  static override description =
    'Shows every user with its group, authentication driver and VM quota usage (used / limit, "-" for no limit).';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -l ID,NAME,PASSWORD --csv',
    '<%= config.bin %> <%= command.id %> -f GROUP=users --json',
  ];
  static override flags = { ...listFlags, ...documentFlags };

  private pool: UserPool | undefined;
  private listFlags: ListFlagValues = {};

  async run(): Promise<XmlObject | string> {
    const { flags } = await this.parse(UserList);
    if (flags.describe) return describeColumns(userTable);
    this.listFlags = flags;
    this.pool = await readUserPool(this.oneApi(flags));
    return this.pool.document;
  }

  protected override renderText(result: XmlObject | string): string {
    if (typeof result === 'string') return result;
    return renderTable(userRows(this.pool!), userTable, tableOptions(this.listFlags, this.io));
  }

  protected override renderXml(): string {
    return this.pool!.xml + '\n';
  }
}
