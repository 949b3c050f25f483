// onekit.federation.status(s session) -> array of structs, one per slave zone:
//   ZONE_ID     int     the zone's id
//   ENDPOINT    string  where the master ships to (the zone's ENDPOINT)
//   LAST_INDEX  i8      last federated index the zone confirmed (or was assumed to hold
//                       when shipping started); -1 when none
//   STATE       string  replicating | unreachable | needs-reseed
//   LAST_ERROR  string  the last failure, '' after a successful call
// Answered by the server that ships: the leader (HA) or solo server of the federation
// master zone; a follower forwards it to its leader. Users of the oneadmin group only.
// Anywhere else the call fails with ACTION.
import { notAuthorized, actionFailed } from '../api/failures.js';
import type { MethodSpec } from '../api/method.js';
import type { ZoneShipStatus } from './zone-shipper.js';

export const FEDERATION_STATUS = 'onekit.federation.status';

export interface FederationStatusSource {
  /** undefined: this server ships nothing (not a master, or not its leader). */
  status(): readonly ZoneShipStatus[] | undefined;
}

export function federationStatusMethods(source: FederationStatusSource): MethodSpec<unknown>[] {
  return [
    {
      name: FEDERATION_STATUS,
      params: [],
      allowedWhenDisabled: true,
      async handler(call) {
        if (!call.caller.groups.includes(0)) {
          throw notAuthorized(call.method, { uid: call.caller.uid, object: 'ZONE' });
        }
        const zones = source.status();
        if (zones === undefined) {
          throw actionFailed(call.method, 'Only the federation master ships the federation log');
        }
        return zones.map((z) => ({
          ZONE_ID: z.zoneId,
          ENDPOINT: z.endpoint,
          LAST_INDEX: z.lastIndex,
          STATE: z.state,
          LAST_ERROR: z.lastError,
        }));
      },
    },
  ];
}
