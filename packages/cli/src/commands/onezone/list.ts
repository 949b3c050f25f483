import { OneListCommand } from '../../command/index.js';
import {
  readZonePool,
  zoneRows,
  zoneTable,
  type ZonePool,
  type ZoneRow,
} from '../../zone/index.js';
import type { OneApi } from '../../rpc/index.js';

export default class ZoneList extends OneListCommand<ZonePool, ZoneRow> {
  static override summary = 'List the zones.';
  static override description =
    'Shows every zone with its endpoint, its federation index (asked of the zone\'s own endpoint, five seconds at most; "-" when it does not answer) and whether it is enabled. A "*" marks the zone whose endpoint the command is using.';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -l ID,NAME --csv',
    '<%= config.bin %> <%= command.id %> -f STAT=on --json',
  ];

  protected readonly table = zoneTable;

  protected readPool(api: OneApi): Promise<ZonePool> {
    return readZonePool(api);
  }

  protected tableRows(pool: ZonePool, api: OneApi): Promise<ZoneRow[]> {
    return zoneRows(api, pool.zones);
  }
}
