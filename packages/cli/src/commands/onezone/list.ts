import { OneListCommand } from '../../command/index.js';
import {
  federationWarnings,
  masterShipStatus,
  readZonePool,
  reseedAdvice,
  zoneRows,
  zoneTable,
  type ZonePool,
  type ZoneRow,
} from '../../zone/index.js';
import type { OneApi } from '../../rpc/index.js';

export default class ZoneList extends OneListCommand<ZonePool, ZoneRow> {
  static override summary = 'List the zones.';
  static override description = `Shows every zone with its endpoint, its federation index (asked of the zone's own endpoint, five seconds at most; "-" when it does not answer) and whether it is enabled. A "*" marks the zone whose endpoint the command is using.\n\nIn text output (not --csv), a WARNING line follows the table for each federation problem: a zone the federation master reports as needing a re-seed (${reseedAdvice}) or as unreachable (asked of a OneKit master with onekit.federation.status), and FED_INDEX values that differ between zones.`;
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

  protected override async tableWarnings(
    pool: ZonePool,
    rows: readonly ZoneRow[],
    api: OneApi,
  ): Promise<string[]> {
    const ship = await masterShipStatus(
      api,
      pool.zones.map((z) => z.endpoint),
    );
    const zones = rows.map((r) => ({ id: r.zone.id, name: r.zone.name, fedIndex: r.fedIndex }));
    return federationWarnings({ zones, ship }).map((w) => w.message);
  }
}
