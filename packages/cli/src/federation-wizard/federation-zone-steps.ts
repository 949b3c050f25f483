// Steps of the federation procedure that go through the master's API: the master zone's
// ENDPOINT, a slave's zone, and the waits (a server answering, a slave's FEDLOG_INDEX
// reaching the master's).
import { OneKitError } from '@onekit/core';
import { waitUntil, type Waiting } from '../ha-wizard/index.js';
import type { PlanStep, StepContext } from '../plan/index.js';
import type { FederationAccess } from './federation-access.js';

export interface FederationDeps {
  readonly federation: FederationAccess;
  readonly waiting: Waiting;
}

export const MASTER_ZONE_ID = 0;

/** Where API steps say they run. */
export function masterLabel(d: FederationDeps): string {
  return `master ${d.federation.endpoint}`;
}

/** Sets the master zone's ENDPOINT (the one slaves and clients reach); undo sets it back. */
export function masterEndpointStep(d: FederationDeps, o: { name: string; rpc: string }): PlanStep {
  return {
    name: o.name,
    title: `Set zone ${MASTER_ZONE_ID}'s ENDPOINT to ${o.rpc}`,
    host: masterLabel(d),
    async run() {
      const previous = (await d.federation.zone(MASTER_ZONE_ID)).endpoint;
      if (previous !== o.rpc) await d.federation.setEndpoint(MASTER_ZONE_ID, o.rpc);
      return { values: { previous } };
    },
    async check() {
      const endpoint = (await d.federation.zone(MASTER_ZONE_ID)).endpoint;
      if (endpoint !== o.rpc) {
        throw new OneKitError('ONE_API', `zone ${MASTER_ZONE_ID}'s ENDPOINT is ${endpoint}`, {
          field: 'ENDPOINT',
        });
      }
    },
    async undo(ctx) {
      await d.federation.setEndpoint(MASTER_ZONE_ID, String(ctx.value(o.name, 'previous')));
    },
  };
}

/** one.zone.allocate on the master (records `id`); a zone of that name and endpoint is reused. */
export function createZoneStep(
  d: FederationDeps,
  o: { name: string; zone: { name: string; rpc: string } },
): PlanStep {
  return {
    name: o.name,
    title: `Create zone ${o.zone.name} (ENDPOINT ${o.zone.rpc}) on the master`,
    host: masterLabel(d),
    async run() {
      const known = await d.federation.zoneNamed(o.zone.name);
      if (known && known.endpoint !== o.zone.rpc) {
        throw new OneKitError(
          'PLAN_REFUSED',
          `the federation already has a zone ${o.zone.name} at ${known.endpoint}`,
          { field: 'name' },
        );
      }
      const id =
        known?.id ?? (await d.federation.createZone({ name: o.zone.name, endpoint: o.zone.rpc }));
      return { values: { id } };
    },
    async undo(ctx) {
      await d.federation.deleteZone(Number(ctx.value(o.name, 'id')));
    },
  };
}

/** Waits until the endpoint answers one.zone.raftstatus (with the command's credentials). */
export function waitAnsweringStep(
  d: FederationDeps,
  o: { name: string; endpoint: string; host: string },
): PlanStep {
  return {
    name: o.name,
    title: `Wait until ${o.endpoint} answers`,
    host: o.host,
    async run() {
      await waitUntil(
        o.name,
        async () =>
          (await d.federation.fedIndex(o.endpoint)) === '-'
            ? `${o.endpoint} does not answer`
            : undefined,
        d.waiting,
      );
    },
  };
}

/** Waits until any HTTP server answers at the endpoint (a daemon with other credentials). */
export function waitListeningStep(
  d: FederationDeps,
  o: { name: string; endpoint: string; host: string },
): PlanStep {
  return {
    name: o.name,
    title: `Wait until a daemon listens at ${o.endpoint}`,
    host: o.host,
    async run() {
      await waitUntil(
        o.name,
        async () => {
          const answer = await fetch(o.endpoint, { method: 'POST', body: '' });
          await answer.arrayBuffer();
          return undefined;
        },
        d.waiting,
      );
    },
  };
}

/** The gate of a joined slave: its FEDLOG_INDEX equals the master's. */
export function waitFedIndexStep(
  d: FederationDeps,
  o: { name: string; endpoint: string; zone: (ctx: StepContext) => number },
): PlanStep {
  return {
    name: o.name,
    title: `Wait until ${o.endpoint}'s FEDLOG_INDEX equals the master's`,
    host: masterLabel(d),
    async run(ctx) {
      let seen = '';
      await waitUntil(
        o.name,
        async () => {
          const [master, slave] = await Promise.all([
            d.federation.fedIndex(d.federation.endpoint),
            d.federation.fedIndex(o.endpoint),
          ]);
          seen = master;
          if (master === '-') return 'the master does not answer';
          if (slave === '-') return `zone ${o.zone(ctx)} does not answer`;
          return slave === master ? undefined : `master at ${master}, zone at ${slave}`;
        },
        d.waiting,
      );
      return { values: { fedIndex: seen } };
    },
  };
}
