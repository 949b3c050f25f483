// `onezone fed-master`: a standalone front-end becomes the federation's master, as the
// guide's step 1 does it by hand: zone 0's ENDPOINT set, FEDERATION MODE MASTER with
// ZONE_ID 0 in oned.conf, the daemon restarted, and the wait until it answers again.
import { serviceStep, type HaHost } from '../ha-wizard/index.js';
import type { Plan } from '../plan/index.js';
import { federationChecks } from './federation-checks.js';
import { federationConfStep } from './federation-host-steps.js';
import {
  masterEndpointStep,
  masterLabel,
  MASTER_ZONE_ID,
  waitAnsweringStep,
  type FederationDeps,
} from './federation-zone-steps.js';

export interface FedMasterOptions {
  readonly deps: FederationDeps & { readonly clock: () => Date };
  /** The master's XML-RPC endpoint, as slaves reach it (zone 0's ENDPOINT). */
  readonly rpc: string;
  /** The master's host (its oned.conf and service). */
  readonly master: HaHost;
  readonly rerun: string;
}

export function fedMasterPlan(o: FedMasterOptions): Plan {
  const { deps, master } = o;
  return {
    wizard: 'onezone fed-master',
    key: `zone-${MASTER_ZONE_ID}`,
    answers: { rpc: o.rpc, master: master.label },
    steps: [
      masterEndpointStep(deps, { name: 'master/set-endpoint', rpc: o.rpc }),
      federationConfStep({
        name: 'master/set-mode',
        host: master,
        settings: () => ({ mode: 'MASTER', zoneId: MASTER_ZONE_ID, masterOned: '' }),
        clock: deps.clock,
        refuse: (current) =>
          current.mode === 'SLAVE'
            ? `${master.label} is a slave of zone ${current.zoneId}'s federation`
            : undefined,
      }),
      serviceStep({ name: 'master/restart-daemon', host: master, action: 'restart' }),
      waitAnsweringStep(deps, {
        name: 'master/wait-answering',
        endpoint: deps.federation.endpoint,
        host: masterLabel(deps),
      }),
    ],
    checks: federationChecks({ federation: deps.federation, hosts: [master], slaves: [] }),
    rerun: o.rerun,
  };
}
