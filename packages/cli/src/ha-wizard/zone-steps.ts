// Steps that act on the zone through the XML-RPC API (server-add, server-del,
// server-reset) and the waits between them, gated on the zone's Raft state.
import { OneKitError } from '@onekit/core';
import type { PlanStep, StepContext } from '../plan/index.js';
import { waitUntil, type Waiting } from './wait.js';
import type { ZoneAccess } from './zone-access.js';
import { caughtUpProblem, healthProblems, quorumProblem } from './zone-state.js';

export interface ZoneDeps {
  readonly zone: ZoneAccess;
  readonly waiting: Waiting;
}

/** Where zone steps say they run. */
export function zoneLabel(zone: ZoneAccess): string {
  return `zone ${zone.zoneId}`;
}

/** one.zone.addserver (records `id`); a server of that name already there is reused. */
export function addServerStep(
  d: ZoneDeps,
  o: { name: string; server: { name: string; rpc: string }; title: string },
): PlanStep {
  return {
    name: o.name,
    title: o.title,
    host: zoneLabel(d.zone),
    async run() {
      const known = await d.zone.member(o.server.name);
      if (known && known.endpoint !== o.server.rpc) {
        throw new OneKitError(
          'PLAN_REFUSED',
          `the zone already has a server ${o.server.name} at ${known.endpoint}`,
          { field: 'name' },
        );
      }
      const id = known?.id ?? (await d.zone.addServer(o.server));
      return { values: { id } };
    },
    async undo(ctx) {
      await d.zone.delServer(Number(ctx.value(o.name, 'id')), { force: false });
    },
  };
}

/** one.zone.delserver, gated on the quorum left; no undo (add the server again instead). */
export function delServerStep(d: ZoneDeps, o: { name: string; serverId: number }): PlanStep {
  return {
    name: o.name,
    title: `Remove server ${o.serverId} from zone ${d.zone.zoneId}`,
    host: zoneLabel(d.zone),
    async gate() {
      const zone = await d.zone.servers();
      if (!zone.leader?.answer.value.voters.some((v) => v.id === o.serverId)) return;
      const problem = quorumProblem(zone, o.serverId);
      if (problem) throw new OneKitError('PLAN_REFUSED', problem, { field: o.name });
    },
    async run() {
      const zone = await d.zone.info();
      const listed = zone.servers.some((s) => Number(s.id) === o.serverId);
      if (listed) await d.zone.delServer(o.serverId, { force: false });
    },
    async check() {
      const zone = await d.zone.info();
      if (zone.servers.some((s) => Number(s.id) === o.serverId)) {
        throw new OneKitError('ONE_API', `the zone still lists server ${o.serverId}`, {
          field: 'server',
        });
      }
    },
  };
}

export function resetServerStep(
  d: ZoneDeps,
  o: { name: string; serverId: (ctx: StepContext) => number },
): PlanStep {
  return {
    name: o.name,
    title: `Have the leader resend its log to the server (server-reset)`,
    host: zoneLabel(d.zone),
    async run(ctx) {
      await d.zone.resetServer(o.serverId(ctx));
    },
  };
}

/** Waits until the server is a voter that follows and has applied what the leader had. */
export function waitCaughtUpStep(
  d: ZoneDeps,
  o: { name: string; serverId: (ctx: StepContext) => number },
): PlanStep {
  return {
    name: o.name,
    title: 'Wait until the server follows and has caught up',
    host: zoneLabel(d.zone),
    async run(ctx) {
      const id = o.serverId(ctx);
      let since: bigint | undefined;
      await waitUntil(
        o.name,
        async () => {
          const zone = await d.zone.servers();
          since ??= zone.leader?.answer.value.commit;
          if (since === undefined) return 'no server answers as leader';
          return caughtUpProblem(zone, id, since);
        },
        d.waiting,
      );
    },
  };
}

/** Waits until the zone is healthy: one leader, every other server a follower. */
export function waitHealthyStep(d: ZoneDeps, o: { name: string }): PlanStep {
  return {
    name: o.name,
    title: 'Wait until the zone has one leader and the rest follow',
    host: zoneLabel(d.zone),
    async run() {
      await waitUntil(
        o.name,
        async () => healthProblems(await d.zone.servers()).join('; ') || undefined,
        d.waiting,
      );
    },
  };
}
