// `onezone ha-remove`: one server leaves a healthy HA zone. It is removed from the zone
// first (while it still runs, so a two-server zone keeps its quorum), then its daemon is
// stopped and its SERVER_ID set back to -1; the wizard waits until the rest is healthy.
import type { Plan } from '../plan/index.js';
import { clocksCheck, quorumCheck, reachabilityCheck } from './checks.js';
import { serverIdStep, serviceStep, type HaHost } from './host-steps.js';
import { delServerStep, waitHealthyStep, type ZoneDeps } from './zone-steps.js';

export interface HaRemoveOptions {
  readonly deps: ZoneDeps & { readonly clock: () => Date };
  readonly serverId: number;
  /** The removed server's host. */
  readonly target: HaHost;
  readonly rerun: string;
}

export function haRemovePlan(o: HaRemoveOptions): Plan {
  const { deps, target } = o;
  return {
    wizard: 'onezone ha-remove',
    key: `zone-${deps.zone.zoneId}`,
    answers: { zone: deps.zone.zoneId, server: o.serverId, host: target.label },
    steps: [
      delServerStep(deps, { name: 'zone/del-server', serverId: o.serverId }),
      serviceStep({ name: 'old/stop-daemon', host: target, action: 'stop' }),
      serverIdStep({ name: 'old/reset-server-id', host: target, id: () => -1, clock: deps.clock }),
      waitHealthyStep(deps, { name: 'zone/wait-healthy' }),
    ],
    checks: [
      reachabilityCheck([target], deps.zone),
      quorumCheck(deps.zone, { requireHealthy: true, removing: o.serverId }),
      clocksCheck(async () => (await deps.zone.info()).servers.map((s) => s.endpoint), deps.clock),
    ],
    rerun: o.rerun,
  };
}
