import type { XmlObject } from '@onekit/core';
import {
  OneApiCommand,
  documentFlags,
  listFlags,
  tableOptions,
  type ListFlagValues,
} from '../../command/index.js';
import { groupRows, groupTable, readGroupPool, type GroupPool } from '../../group/index.js';
import { describeColumns, renderTable } from '../../table/index.js';

export default class GroupList extends OneApiCommand<XmlObject | string> {
  static override summary = 'List the groups.';
  static override description =
    'Shows every group with its number of users and VM quota usage (used / limit, "-" for no limit).';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -l ID,NAME,USERS --csv',
  ];
  static override flags = { ...listFlags, ...documentFlags };

  private pool: GroupPool | undefined;
  private listFlags: ListFlagValues = {};

  async run(): Promise<XmlObject | string> {
    const { flags } = await this.parse(GroupList);
    if (flags.describe) return describeColumns(groupTable);
    this.listFlags = flags;
    this.pool = await readGroupPool(this.oneApi(flags));
    return this.pool.document;
  }

  protected override renderText(result: XmlObject | string): string {
    if (typeof result === 'string') return result;
    return renderTable(groupRows(this.pool!), groupTable, tableOptions(this.listFlags, this.io));
  }

  protected override renderXml(): string {
    return this.pool!.xml + '\n';
  }
}
