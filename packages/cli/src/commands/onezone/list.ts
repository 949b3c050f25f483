import type { XmlObject } from '@onekit/core';
import { OneApiCommand, documentFlags, listFlags, tableOptions } from '../../command/index.js';
import type { ListFlagValues } from '../../command/index.js';
import { describeColumns, renderTable } from '../../table/index.js';
import {
  readZonePool,
  zoneRows,
  zoneTable,
  type ZonePool,
  type ZoneRow,
} from '../../zone/index.js';

export default class ZoneList extends OneApiCommand<XmlObject | string> {
  static override summary = 'List the zones.';
  static override description =
    'Shows every zone with its endpoint, its federation index (asked of the zone\'s own endpoint, five seconds at most; "-" when it does not answer) and whether it is enabled. A "*" marks the zone whose endpoint the command is using.';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -l ID,NAME --csv',
    '<%= config.bin %> <%= command.id %> -f STAT=on --json',
  ];
  static override flags = { ...listFlags, ...documentFlags };

  private pool: ZonePool | undefined;
  private rows: ZoneRow[] = [];
  private listFlags: ListFlagValues = {};

  async run(): Promise<XmlObject | string> {
    const { flags } = await this.parse(ZoneList);
    if (flags.describe) return describeColumns(zoneTable);
    const api = this.oneApi(flags);
    this.pool = await readZonePool(api);
    if (!flags.json && !flags.yaml && !flags.xml) {
      this.listFlags = flags;
      this.rows = await zoneRows(api, this.pool.zones);
    }
    return this.pool.document;
  }

  protected override renderText(result: XmlObject | string): string {
    if (typeof result === 'string') return result;
    return renderTable(this.rows, zoneTable, tableOptions(this.listFlags, this.io));
  }

  protected override renderXml(): string {
    return this.pool!.xml + '\n';
  }
}
