// zone_pool rows: (oid, name, body, uid, gid, owner_u, group_u, other_u). Zones belong to
// oneadmin (uid 0, gid 0) with oned's default permissions (owner USE only).
import { Template } from '@onekit/core';
import type { StorageReader, WriteOp } from '../../storage/index.js';
import { parseZoneBody, zoneXml } from './zone-document.js';
import { zoneStates, type Zone } from './zone.js';

export const ZONE_TABLE = 'zone_pool';

/** Owner and permission columns every zone row carries. */
export const zoneOwnership = { uid: 0, gid: 0, owner_u: 1, group_u: 0, other_u: 0 } as const;

export async function readZone(reader: StorageReader, id: number): Promise<Zone | undefined> {
  const [row] = await reader.query('SELECT body FROM zone_pool WHERE oid = ?', [id]);
  return row ? parseZoneBody(String(row.body)) : undefined;
}

/** The id of the zone called `name`, if any (names are unique). */
export async function zoneIdByName(
  reader: StorageReader,
  name: string,
): Promise<number | undefined> {
  const [row] = await reader.query('SELECT oid FROM zone_pool WHERE name = ?', [name]);
  return row ? Number(row.oid) : undefined;
}

export async function listZones(
  reader: StorageReader,
  { descending = false }: { descending?: boolean } = {},
): Promise<Zone[]> {
  const order = descending ? 'DESC' : 'ASC';
  const rows = await reader.query(`SELECT body FROM zone_pool ORDER BY oid ${order}`);
  return rows.map((row) => parseZoneBody(String(row.body)));
}

export function insertZoneWrite(zone: Zone): WriteOp {
  return {
    op: 'insert',
    table: ZONE_TABLE,
    row: { oid: zone.id, name: zone.name, body: zoneXml(zone), ...zoneOwnership },
  };
}

export function updateZoneWrite(zone: Zone): WriteOp {
  return {
    op: 'update',
    table: ZONE_TABLE,
    set: { name: zone.name, body: zoneXml(zone), ...zoneOwnership },
    where: { oid: zone.id },
  };
}

export function deleteZoneWrite(id: number): WriteOp {
  return { op: 'delete', table: ZONE_TABLE, where: { oid: id } };
}

/** Zone 0 of a fresh database: `OpenNebula`, enabled, reached at `endpoint`. */
export function bootstrapZone(endpoint: string): Zone {
  return {
    id: 0,
    name: 'OpenNebula',
    state: zoneStates.ENABLED,
    template: new Template().addSingle('ENDPOINT', endpoint),
    servers: [],
  };
}
