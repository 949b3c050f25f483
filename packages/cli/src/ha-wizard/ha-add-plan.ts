// `onezone ha-add`: one server joins an HA zone, as the HA procedure does it by hand.
// With --first-name/--first-rpc the zone's single server first becomes server 0 of an HA
// zone (registered, SERVER_ID set, restarted as leader). Then: the leader's database and
// .one directory go to the new host, which restores them with its daemon stopped; the
// server is added to the zone (it joins as a learner), gets its SERVER_ID and starts; the
// wizard waits until the leader has promoted it, then copies the leader's configuration.
import type { Plan, PlanStep, PreflightCheck } from '../plan/index.js';
import {
  clocksCheck,
  freeDiskCheck,
  portsFreeCheck,
  quorumCheck,
  reachabilityCheck,
  versionsCheck,
} from './checks.js';
import {
  backupDatabaseStep,
  copyFileStep,
  copyOneDirStep,
  restoreDatabaseStep,
  serverIdStep,
  serviceStep,
  type HaHost,
} from './host-steps.js';
import { serversyncStep, type ServersyncDeps } from './serversync-step.js';
import { addServerStep, waitCaughtUpStep, waitHealthyStep, type ZoneDeps } from './zone-steps.js';

export interface HaAddOptions {
  readonly deps: ZoneDeps & ServersyncDeps & { readonly clock: () => Date };
  readonly server: { readonly name: string; readonly rpc: string };
  /** The zone's single server, to register first (a zone that is not HA yet). */
  readonly first?: { readonly name: string; readonly rpc: string };
  /** The host whose database and configuration the new server gets (the leader's). */
  readonly from: HaHost;
  /** The new server's host. */
  readonly target: HaHost;
  readonly serversync: boolean;
  readonly rerun: string;
}

export function haAddPlan(o: HaAddOptions): Plan {
  const { deps, from, target } = o;
  const steps: PlanStep[] = [];
  if (o.first) {
    steps.push(
      addServerStep(deps, {
        name: 'zone/add-first-server',
        server: o.first,
        title: `Register ${o.first.name} as the zone's first HA server`,
      }),
      serverIdStep({
        name: 'first/set-server-id',
        host: from,
        id: (ctx) => Number(ctx.value('zone/add-first-server', 'id')),
        clock: deps.clock,
      }),
      serviceStep({ name: 'first/restart-daemon', host: from, action: 'restart' }),
      waitHealthyStep(deps, { name: 'zone/wait-first-leader' }),
    );
  }
  steps.push(
    backupDatabaseStep({
      name: 'leader/backup-database',
      host: from,
      what: 'leader-db',
      clock: deps.clock,
    }),
    copyFileStep({
      name: 'new/copy-database',
      title: `Copy the backup from ${from.label}`,
      from,
      to: target,
      source: (ctx) => String(ctx.value('leader/backup-database', 'file')),
    }),
    copyOneDirStep({ name: 'new/copy-one-dir', from, to: target, clock: deps.clock }),
    serviceStep({ name: 'new/stop-daemon', host: target, action: 'stop' }),
    restoreDatabaseStep({
      name: 'new/restore-database',
      host: target,
      file: (ctx) => String(ctx.value('new/copy-database', 'file')),
    }),
    addServerStep(deps, {
      name: 'zone/add-server',
      server: o.server,
      title: `Add ${o.server.name} to zone ${deps.zone.zoneId} (server-add: joins as a learner)`,
    }),
    serverIdStep({
      name: 'new/set-server-id',
      host: target,
      id: (ctx) => Number(ctx.value('zone/add-server', 'id')),
      clock: deps.clock,
      federationOf: from,
    }),
    serviceStep({ name: 'new/start-daemon', host: target, action: 'start' }),
    waitCaughtUpStep(deps, {
      name: 'zone/wait-caught-up',
      serverId: (ctx) => Number(ctx.value('zone/add-server', 'id')),
    }),
  );
  if (o.serversync) {
    steps.push(serversyncStep(deps, { name: 'new/serversync', here: target, from }));
  }
  return {
    wizard: 'onezone ha-add',
    key: `zone-${deps.zone.zoneId}`,
    answers: {
      zone: deps.zone.zoneId,
      name: o.server.name,
      rpc: o.server.rpc,
      from: from.label,
      host: target.label,
      serversync: o.serversync,
      ...(o.first ? { 'first-name': o.first.name, 'first-rpc': o.first.rpc } : {}),
    },
    steps,
    checks: haAddChecks(o),
    rerun: o.rerun,
  };
}

function haAddChecks(o: HaAddOptions): PreflightCheck[] {
  const hosts = [o.from, o.target];
  return [
    reachabilityCheck(hosts, o.deps.zone),
    versionsCheck(hosts),
    quorumCheck(o.deps.zone, { requireHealthy: true }),
    portsFreeCheck(o.server.rpc, o.target),
    clocksCheck(async () => {
      const zone = await o.deps.zone.info();
      const listed = zone.servers.map((s) => s.endpoint);
      return listed.length > 0 ? listed : [o.first?.rpc ?? zone.endpoint].filter((e) => e !== '');
    }, o.deps.clock),
    freeDiskCheck(hosts),
  ];
}
