// one.zone.updatedb (reference §2.2): replaces a zone object with the ZONE document a slave
// zone sends, as a federated write. A slave changes its own zone's servers and state
// (addserver, delserver, enable) in its own zone first and then publishes the result here,
// so the master's copy, and through the federation log every zone's copy, agrees. Only
// oneadmin (uid 0) may call it; a slave does not serve it.
import type { Zone } from '../pools/zone/index.js';
import { parseZoneBodyText, readZone, updateZoneWrite, zoneIdByName } from '../pools/zone/index.js';
import { actionFailed, internalError, noExists, notAuthorized } from './failures.js';
import type { MethodSpec } from './method.js';
import type { DaemonServices } from './services.js';

export type ZoneUpdateDbServices = Pick<DaemonServices, 'db' | 'committer' | 'zoneWrites'>;

function readDocument(method: string, xml: string): Zone {
  try {
    return parseZoneBodyText(xml);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw internalError(method, `Cannot update zone from its document: ${reason}`);
  }
}

export const zoneUpdateDb: MethodSpec<ZoneUpdateDbServices> = {
  name: 'one.zone.updatedb',
  params: ['int', 'string'],
  async handler(call) {
    const [id, xml] = call.params as [number, string];
    if (call.caller.uid !== 0) {
      throw notAuthorized(call.method, { uid: call.caller.uid, object: 'zone' });
    }
    const zone = readDocument(call.method, xml);
    if (zone.id !== id) {
      throw actionFailed(call.method, `The document is zone ${String(zone.id)}, not zone ${id}`);
    }
    const { db, committer, zoneWrites } = call.services;
    return zoneWrites.run(async () => {
      if ((await readZone(db, id)) === undefined) throw noExists(call.method, 'zone', id);
      const holder = await zoneIdByName(db, zone.name);
      if (holder !== undefined && holder !== id) {
        throw actionFailed(call.method, `NAME ${zone.name} is already taken by zone ${holder}`);
      }
      await committer.commit([updateZoneWrite(zone)], { federated: true });
      return id;
    });
  },
};
