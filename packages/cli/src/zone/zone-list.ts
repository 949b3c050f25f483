import type { XmlObject } from '@onekit/core';
import {
  documentObject,
  poolObjects,
  readObjectDocument,
  readPoolDocument,
} from '../one-documents/index.js';
import { oncePool, resolveId, type NamedObject } from '../resource-ids/index.js';
import type { OneApi } from '../rpc/index.js';
import { probeEach } from './raft-probe.js';
import { zoneShape, zoneView, type ZoneView } from './zone-document.js';
import type { ZoneRow } from './zone-table.js';

export interface ZonePool {
  /** The document as the server sent it, for -x. */
  xml: string;
  /** Typed, for --json and -y. */
  document: XmlObject;
  zones: ZoneView[];
}

export async function readZonePool(api: OneApi): Promise<ZonePool> {
  const xml = await (await api.client()).callText('one.zonepool.info');
  const document = readPoolDocument(xml, zoneShape);
  return { xml, document, zones: poolObjects(document, zoneShape).map(zoneView) };
}

/** Ids and names, for resolving zone arguments. */
export async function zoneNames(api: OneApi): Promise<NamedObject[]> {
  return (await readZonePool(api)).zones.map((z) => ({ id: z.id, name: z.name }));
}

/**
 * The rows of `onezone list`: CURRENT compares the client's endpoint with each zone's,
 * FED_INDEX asks each zone's endpoint for its Raft status (in parallel, five seconds each).
 */
export async function zoneRows(api: OneApi, zones: readonly ZoneView[]): Promise<ZoneRow[]> {
  const statuses = await probeEach(
    api,
    zones.map((z) => z.endpoint),
  );
  const current = api.endpoint.trim();
  return zones.map((zone) => ({
    zone,
    current: zone.endpoint.trim() === current,
    fedIndex: statuses.get(zone.endpoint)!.FEDLOG_INDEX,
  }));
}

/** one.zone.info of one zone, as the text views read it. */
export async function readZoneInfo(api: OneApi, id: number): Promise<ZoneView> {
  const xml = await (await api.client()).callText('one.zone.info', id);
  return zoneView(documentObject(readObjectDocument(xml, zoneShape), zoneShape));
}

/** The zone a command argument names (an id or a name). */
export async function readNamedZone(api: OneApi, idOrName: string): Promise<ZoneView> {
  const id = await resolveId(
    idOrName,
    'ZONE',
    oncePool(() => zoneNames(api)),
  );
  return readZoneInfo(api, id);
}
