import type { XmlObject } from '@onekit/core';
import { aclTable, readAclPool, type AclPool } from '../../acl/index.js';
import {
  OneApiCommand,
  documentFlags,
  listFlags,
  tableOptions,
  type ListFlagValues,
} from '../../command/index.js';
import { describeColumns, renderTable } from '../../table/index.js';

export default class AclList extends OneApiCommand<XmlObject | string> {
  static override summary = 'List the ACL rules.';
  static override description =
    'Each rule as columns: the user selector, the resource types as a mask (one letter per type, in the order of the header), the resource id, the rights as a mask (use, manage, admin, create) and the zone; -l STRING adds the rule as text.';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -l ID,STRING',
  ];
  static override flags = { ...listFlags, ...documentFlags };

  private pool: AclPool | undefined;
  private listFlags: ListFlagValues = {};

  async run(): Promise<XmlObject | string> {
    const { flags } = await this.parse(AclList);
    if (flags.describe) return describeColumns(aclTable);
    this.listFlags = flags;
    this.pool = await readAclPool(this.oneApi(flags));
    return this.pool.document;
  }

  protected override renderText(result: XmlObject | string): string {
    if (typeof result === 'string') return result;
    return renderTable(this.pool!.rules, aclTable, tableOptions(this.listFlags, this.io));
  }

  protected override renderXml(): string {
    return this.pool!.xml + '\n';
  }
}
