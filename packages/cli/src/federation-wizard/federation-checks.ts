// The federation wizards' named preflight checks (`--skip-check NAME`). Each only reads;
// versions, ports and disk are the HA wizards' checks.
import { OneKitError } from '@onekit/core';
import {
  freeDiskCheck,
  haCheckDescriptions,
  portsFreeCheck,
  versionsCheck,
  type HaHost,
} from '../ha-wizard/index.js';
import type { PreflightCheck } from '../plan/index.js';
import type { FederationAccess } from './federation-access.js';
import { MASTER_ZONE_ID } from './federation-zone-steps.js';

export const federationCheckDescriptions = {
  reachability: "every host answers through its transport, and the master's endpoint answers",
  'versions-equal': haCheckDescriptions['versions-equal'],
  'ports-free': "nothing but the slave's own daemon listens on its XML-RPC endpoint",
  'fed-index': 'the master answers one.zone.raftstatus with a FEDLOG_INDEX',
  'free-disk': haCheckDescriptions['free-disk'],
} as const;

export type FederationCheckName = keyof typeof federationCheckDescriptions;

function failed(name: FederationCheckName, message: string): OneKitError {
  return new OneKitError('PLAN_REFUSED', message, { field: name });
}

export function federationReachabilityCheck(
  hosts: readonly HaHost[],
  federation: FederationAccess,
): PreflightCheck {
  return {
    name: 'reachability',
    description: federationCheckDescriptions.reachability,
    async run() {
      await federation.zone(MASTER_ZONE_ID);
      for (const h of hosts) {
        try {
          await h.transport.paths();
        } catch (err) {
          throw failed('reachability', `${h.label}: ${(err as Error).message}`);
        }
      }
      return hosts.map((h) => `${h.label} (${h.transport.kind})`).join(', ');
    },
  };
}

export function fedIndexCheck(federation: FederationAccess): PreflightCheck {
  return {
    name: 'fed-index',
    description: federationCheckDescriptions['fed-index'],
    async run() {
      const index = await federation.fedIndex(federation.endpoint);
      if (index === '-') throw failed('fed-index', `${federation.endpoint} gives no FEDLOG_INDEX`);
      return `FEDLOG_INDEX ${index}`;
    },
  };
}

/** The checks of a plan touching these hosts (slaves: their endpoint must be free). */
export function federationChecks(o: {
  federation: FederationAccess;
  hosts: readonly HaHost[];
  slaves: readonly { rpc: string; host: HaHost }[];
}): PreflightCheck[] {
  return [
    federationReachabilityCheck(o.hosts, o.federation),
    versionsCheck(o.hosts),
    // One check per slave, all under the one name --skip-check takes.
    ...o.slaves.map((s) => portsFreeCheck(s.rpc, s.host)),
    fedIndexCheck(o.federation),
    freeDiskCheck(o.hosts),
  ];
}
