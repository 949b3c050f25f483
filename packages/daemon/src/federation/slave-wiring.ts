// What a server of a federation slave zone adds to the daemon's RPC: the slave router in
// front of the zone's own router, and the own-zone methods publishing to the master.
import type { OnedConf } from '@onekit/core';
import type { MethodSpec } from '../api/method.js';
import type { DaemonServices, LocalZone } from '../api/services.js';
import { zoneStates } from '../pools/zone/index.js';
import type { Router } from '../rpc/index.js';
import { slaveRouter } from './slave-router.js';
import { masterZonePublisher, publishingOwnZone } from './slave-zone-publish.js';

export interface SlaveRpc {
  readonly router: Router;
  readonly method: (spec: MethodSpec<DaemonServices>) => MethodSpec<DaemonServices>;
}

/** Undefined unless FEDERATION/MODE is SLAVE. */
export function slaveRpc(o: {
  readonly config: OnedConf;
  /** The zone's own router (solo or HA). */
  readonly zone: Router;
  readonly localZone: LocalZone;
  /** This server's oneadmin session (one_auth), for one.zone.updatedb on the master. */
  readonly session: () => string;
}): SlaveRpc | undefined {
  const { mode, masterOned } = o.config.federation;
  if (mode !== 'SLAVE') return undefined;
  const publish = masterZonePublisher({ masterEndpoint: masterOned, session: o.session });
  return {
    router: slaveRouter({
      zone: o.zone,
      masterEndpoint: masterOned,
      zoneDisabled: () => o.localZone.state === zoneStates.DISABLED,
    }),
    method: (spec) => publishingOwnZone(spec, publish),
  };
}
