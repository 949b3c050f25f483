// The slave paths of one.zone.addserver, delserver and enable: the zone changes itself as
// any zone does, then publishes its zone object to the master with one.zone.updatedb
// (slave-own-zone.ts has the rule). The call succeeds once the master has taken the new
// object; when the master cannot be reached or refuses it, the zone's own change stands
// and the call answers INTERNAL, so the operator knows the federated copy is behind (the
// next change of the zone publishes the whole object again).
import {
  decodeMethodResponse,
  encodeMethodCall,
  readOneResult,
  type XmlRpcInput,
} from '@onekit/core';
import { internalError } from '../api/failures.js';
import type { MethodSpec } from '../api/method.js';
import type { DaemonServices } from '../api/services.js';
import { forwardCall } from '../ha/forward.js';
import { readZone, zoneXml, type Zone } from '../pools/zone/index.js';
import { ownZoneBody } from './slave-own-zone.js';
import { MASTER_UNREACHABLE, type SendCall } from './slave-router.js';

/** Sends a zone object to the master; rejects with a message fit for an INTERNAL answer. */
export type ZonePublisher = (zone: Zone) => Promise<void>;

const MASTER_TIMEOUT_MS = 10_000;

/** one.zone.updatedb on MASTER_ONED with this server's oneadmin session (one_auth). */
export function masterZonePublisher(o: {
  readonly masterEndpoint: string;
  readonly session: () => string;
  readonly send?: SendCall;
}): ZonePublisher {
  const send = o.send ?? forwardCall;
  return async (zone) => {
    const params: XmlRpcInput[] = [o.session(), zone.id, zoneXml(zone)];
    const body = Buffer.from(encodeMethodCall('one.zone.updatedb', params));
    let text: string;
    try {
      text = await send(o.masterEndpoint, body, MASTER_TIMEOUT_MS);
    } catch (err) {
      throw new Error(MASTER_UNREACHABLE, { cause: err });
    }
    const response = decodeMethodResponse(text);
    if (response.kind === 'fault') {
      throw new Error(`The federation master refused the zone: ${response.fault.faultString}`);
    }
    const result = readOneResult(response.value);
    if (!result.ok) throw new Error(`The federation master refused the zone: ${result.message}`);
  };
}

export type OwnZoneServices = Pick<DaemonServices, 'db' | 'localZone' | 'servers'>;

/** The methods that change a zone's own servers or state, and the server each removes. */
const ownZoneChanges: Readonly<Record<string, (params: readonly unknown[]) => number | undefined>> =
  {
    'one.zone.addserver': () => undefined,
    'one.zone.delserver': (params) => params[1] as number,
    'one.zone.enable': () => undefined,
  };

/** `spec` publishing the zone object after every successful change (the others as given). */
export function publishingOwnZone<S extends OwnZoneServices>(
  spec: MethodSpec<S>,
  publish: ZonePublisher,
): MethodSpec<S> {
  const removedBy = ownZoneChanges[spec.name];
  if (removedBy === undefined) return spec;
  return {
    ...spec,
    async handler(call) {
      const value = await spec.handler(call);
      const { db, localZone, servers } = call.services;
      const zone = await readZone(db, localZone.id);
      if (zone === undefined) return value;
      const { voters, learners } = await servers.servers();
      const removed = removedBy(call.params);
      const body = ownZoneBody(
        zone,
        [...voters, ...learners],
        removed === undefined ? {} : { removed },
      );
      try {
        await publish(body);
      } catch (err) {
        throw internalError(call.method, err instanceof Error ? err.message : String(err));
      }
      return value;
    },
  };
}
