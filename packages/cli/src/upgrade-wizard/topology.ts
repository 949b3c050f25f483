// The federation an upgrade covers: every zone of the master's zone pool, each with its
// servers (SERVER_POOL, or the zone's endpoint for a zone without HA servers) and the host
// each server's database lives on. It is read once, before the first change, and kept in
// the run record's answers: a resumed run finds the hosts even when every daemon is stopped.
import { OneKitError } from '@onekit/core';
import { readZonePool } from '../zone/zone-list.js';
import { zoneEndpoint } from '../zone/zone-members.js';
import type { OneApi } from '../rpc/index.js';

export interface ServerTopology {
  /** SERVER_POOL id; -1 for the single server of a zone without HA servers. */
  readonly id: number;
  readonly name: string;
  readonly endpoint: string;
  /** How the wizard reaches the server's host (what `--host` maps it to). */
  readonly host: string;
}

export interface ZoneTopology {
  readonly id: number;
  readonly name: string;
  readonly endpoint: string;
  readonly master: boolean;
  /** In the order the plan stops them; the last is the one whose database is upgraded. */
  readonly servers: readonly ServerTopology[];
}

export interface UpgradeTopology {
  /** The master zone first, then the slave zones by id. */
  readonly zones: readonly ZoneTopology[];
}

/**
 * The host of a server: `--host` entries are `KEY=SPEC` where KEY is the endpoint's host
 * name, its `host:port`, or the whole endpoint; without one, the endpoint's host name.
 */
export function hostSpecFor(endpoint: string, mapping: ReadonlyMap<string, string>): string {
  const url = new URL(endpoint);
  return (
    mapping.get(endpoint) ?? mapping.get(url.host) ?? mapping.get(url.hostname) ?? url.hostname
  );
}

/** `--host KEY=SPEC` values as a map; FLAG_INVALID for an entry without `=`. */
export function hostMapping(entries: readonly string[]): Map<string, string> {
  const mapping = new Map<string, string>();
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at <= 0 || at === entry.length - 1) {
      throw new OneKitError('FLAG_INVALID', `--host ${entry}: expected ENDPOINT_HOST=HOST`, {
        field: 'host',
      });
    }
    mapping.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return mapping;
}

/** Reads the zone pool through the master's API. */
export async function readTopology(
  api: OneApi,
  o: { masterZone: number; mapping: ReadonlyMap<string, string>; leaders: LeaderLookup },
): Promise<UpgradeTopology> {
  const pool = await readZonePool(api);
  if (!pool.zones.some((z) => z.id === o.masterZone)) {
    throw new OneKitError('PLAN_REFUSED', `the zone pool has no zone ${o.masterZone}`, {
      field: 'master-zone',
    });
  }
  const zones: ZoneTopology[] = [];
  for (const zone of [...pool.zones].sort((a, b) => a.id - b.id)) {
    const listed =
      zone.servers.length > 0
        ? zone.servers.map((s) => ({ id: Number(s.id), name: s.name, endpoint: s.endpoint }))
        : [{ id: -1, name: zone.name, endpoint: zoneEndpoint(zone, api) }];
    const leader = listed.length > 1 ? await o.leaders(zone.id) : undefined;
    // The leader holds everything committed: its database is the one upgraded and copied.
    const ordered = [
      ...listed.filter((s) => s.id !== leader),
      ...listed.filter((s) => s.id === leader),
    ];
    zones.push({
      id: zone.id,
      name: zone.name,
      endpoint: zoneEndpoint(zone, api),
      master: zone.id === o.masterZone,
      servers: ordered.map((s) => ({ ...s, host: hostSpecFor(s.endpoint, o.mapping) })),
    });
  }
  return { zones: [...zones.filter((z) => z.master), ...zones.filter((z) => !z.master)] };
}

/** The id of the server that leads zone `id` (undefined when none does). */
export type LeaderLookup = (zoneId: number) => Promise<number | undefined>;

/** The topology as a plan answer (a changed topology is a changed plan). */
export function topologyAnswer(t: UpgradeTopology): string {
  return JSON.stringify(t);
}

export function topologyOfAnswer(text: unknown, where: string): UpgradeTopology {
  if (typeof text !== 'string') {
    throw new OneKitError('CONFIG_INVALID', 'the run record has no federation topology', {
      file: where,
      field: 'topology',
    });
  }
  return JSON.parse(text) as UpgradeTopology;
}

export function masterZoneOf(t: UpgradeTopology): ZoneTopology {
  return t.zones.find((z) => z.master)!;
}

/** The server whose database is upgraded (then copied to the zone's other servers). */
export function primaryOf(zone: ZoneTopology): ServerTopology {
  return zone.servers.at(-1)!;
}
