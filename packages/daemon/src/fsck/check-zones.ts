// The ids of a zone's SERVER_POOL are unique whole numbers. A server whose id repeats an
// earlier one (or is no id) gets the zone's next id, the highest id plus one, as
// `onezone server-add` would have given it.
import type { Zone, ZoneServer } from '../pools/zone/index.js';
import type { CheckContext } from './fsck-problem.js';

function isServerId(text: string | undefined): boolean {
  return text !== undefined && /^\d+$/.test(text) && Number.isSafeInteger(Number(text));
}

export async function checkZones(ctx: CheckContext): Promise<void> {
  const { zones } = ctx.model;
  for (const zone of [...zones.records.values()]) {
    const valid = zone.servers.filter((s) => isServerId(s.ID)).map((s) => Number(s.ID));
    let next = valid.length === 0 ? 0 : Math.max(...valid) + 1;
    const seen = new Set<number>();
    let changed = false;
    const servers: ZoneServer[] = zone.servers.map((server) => {
      const id = isServerId(server.ID) ? Number(server.ID) : undefined;
      if (id !== undefined && !seen.has(id)) {
        seen.add(id);
        return server;
      }
      const given = next++;
      const what =
        id === undefined
          ? `has a server with the id '${server.ID ?? ''}'`
          : `has two servers with the id ${id}`;
      ctx.report({
        table: 'zone_pool',
        id: zone.id,
        message: `Zone ${zone.id} ${what} in its SERVER_POOL; server ${server.NAME ?? ''} gets the next id ${given}`,
        fixable: true,
      });
      seen.add(given);
      changed = true;
      return { ...server, ID: String(given) };
    });
    if (changed) {
      const fixed: Zone = { ...zone, servers: servers.sort((a, b) => Number(a.ID) - Number(b.ID)) };
      zones.set(zone.id, fixed);
    }
  }
}
