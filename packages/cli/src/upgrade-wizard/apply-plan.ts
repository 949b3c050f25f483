// `onezone upgrade-apply` as a plan. Rolling (the federated schema keeps its version): each
// zone in turn, master first, stops its servers, backs up every database, upgrades the
// leader's, gives the upgraded database to the zone's other servers, starts again and waits
// until healthy, while the other zones run. Coordinated (the federated schema changes): the
// upgrade guide's procedure: disable every zone (slaves first), stop every server (slave
// zones first), back up every database, upgrade the master zone, take its federated backup
// and restore it on each slave zone, upgrade the slave zones, start everything (master
// first), enable the zones (master first). Both end with the federation's gate.
import type { ZoneAccess } from '../ha-wizard/zone-access.js';
import {
  backupDatabaseStep,
  copyFileStep,
  restoreDatabaseStep,
  serviceStep,
  type HaHost,
} from '../ha-wizard/host-steps.js';
import type { Waiting } from '../ha-wizard/wait.js';
import { waitHealthyStep } from '../ha-wizard/zone-steps.js';
import type { Answers, Plan, PlanStep, PreflightCheck } from '../plan/index.js';
import type { OneApi } from '../rpc/index.js';
import { resetLaggingStep } from './reset-lagging-step.js';
import type { UpgradeProcedure, UpgradeTarget } from './target.js';
import {
  masterZoneOf,
  primaryOf,
  topologyAnswer,
  type ServerTopology,
  type UpgradeTopology,
  type ZoneTopology,
} from './topology.js';
import { gateStep, upgradeDatabaseStep, zoneEnableStep } from './upgrade-steps.js';

export const UPGRADE_WIZARD = 'onezone upgrade-apply';

export interface UpgradeApplyOptions {
  readonly topology: UpgradeTopology;
  readonly procedure: UpgradeProcedure;
  readonly target: UpgradeTarget;
  readonly host: (server: ServerTopology) => HaHost;
  readonly api: OneApi;
  readonly zoneAccess: (zoneId: number) => ZoneAccess;
  readonly waiting: Waiting;
  readonly clock: () => Date;
  readonly checks: readonly PreflightCheck[];
  /** What keeps the federation from being done (the final gate); empty when done. */
  readonly gateProblems: () => Promise<string[]>;
  readonly rerun: string;
}

/** The answers that make the plan: a resumed run rebuilds it from these alone. */
export function upgradeAnswers(o: {
  topology: UpgradeTopology;
  procedure: UpgradeProcedure;
  target: UpgradeTarget;
}): Answers {
  return {
    procedure: o.procedure,
    'target-shared': o.target.shared,
    'target-local': o.target.local,
    'target-onekit': o.target.onekit,
    topology: topologyAnswer(o.topology),
  };
}

export function upgradeApplyPlan(o: UpgradeApplyOptions): Plan {
  const master = masterZoneOf(o.topology);
  const slaves = o.topology.zones.filter((z) => !z.master);
  const b = stepBuilders(o);
  const steps: PlanStep[] =
    o.procedure === 'rolling'
      ? o.topology.zones.flatMap((zone) => [
          ...b.stopZone(zone),
          ...b.backupZone(zone),
          ...b.upgradeZone(zone),
          ...b.startZone(zone),
        ])
      : [
          ...[...slaves, master].map((zone) =>
            zoneEnableStep({
              name: `zone-${zone.id}/disable`,
              api: o.api,
              zone,
              enabled: false,
              waiting: o.waiting,
            }),
          ),
          ...[...slaves, master].flatMap(b.stopZone),
          ...o.topology.zones.flatMap(b.backupZone),
          ...b.upgradeZone(master),
          backupDatabaseStep({
            name: `zone-${master.id}/federated-backup`,
            host: o.host(primaryOf(master)),
            what: 'federated',
            clock: o.clock,
            federated: true,
          }),
          ...slaves.flatMap((zone) => [
            ...b.restoreFederated(master, zone),
            ...b.upgradeZone(zone),
          ]),
          ...[master, ...slaves].flatMap(b.startZone),
          ...[master, ...slaves].map((zone) =>
            zoneEnableStep({
              name: `zone-${zone.id}/enable`,
              api: o.api,
              zone,
              enabled: true,
              waiting: o.waiting,
            }),
          ),
        ];
  steps.push(
    gateStep({
      name: 'federation/gate',
      title:
        'Wait until every server runs the new schema, every zone is healthy and FED_INDEX is equal',
      waiting: o.waiting,
      problems: o.gateProblems,
    }),
  );
  return {
    wizard: UPGRADE_WIZARD,
    key: 'federation',
    answers: upgradeAnswers(o),
    steps,
    checks: o.checks,
    rerun: o.rerun,
  };
}

function serverStep(zone: ZoneTopology, server: ServerTopology, action: string): string {
  return zone.servers.length === 1
    ? `zone-${zone.id}/${action}`
    : `zone-${zone.id}/server-${server.id}/${action}`;
}

function stepBuilders(o: UpgradeApplyOptions) {
  const others = (zone: ZoneTopology) => zone.servers.slice(0, -1);
  return {
    /** Followers first, the leader last (it keeps a quorum as long as it can). */
    stopZone: (zone: ZoneTopology): PlanStep[] =>
      zone.servers.map((s) =>
        serviceStep({ name: serverStep(zone, s, 'stop-daemon'), host: o.host(s), action: 'stop' }),
      ),
    backupZone: (zone: ZoneTopology): PlanStep[] =>
      zone.servers.map((s) =>
        backupDatabaseStep({
          name: serverStep(zone, s, 'backup-database'),
          host: o.host(s),
          what: `zone-${zone.id}-before-upgrade`,
          clock: o.clock,
        }),
      ),
    /** onedb upgrade on the leader's database; in an HA zone, copied to the other servers. */
    upgradeZone: (zone: ZoneTopology): PlanStep[] => {
      const primary = primaryOf(zone);
      const from = o.host(primary);
      const steps: PlanStep[] = [
        upgradeDatabaseStep({
          name: serverStep(zone, primary, 'upgrade-database'),
          host: from,
          target: o.target,
          clock: o.clock,
        }),
      ];
      if (zone.servers.length === 1) return steps;
      const upgraded = `zone-${zone.id}/server-${primary.id}/backup-upgraded`;
      steps.push(
        backupDatabaseStep({
          name: upgraded,
          host: from,
          what: `zone-${zone.id}-upgraded`,
          clock: o.clock,
        }),
      );
      for (const s of others(zone)) {
        const copy = serverStep(zone, s, 'copy-upgraded');
        steps.push(
          copyFileStep({
            name: copy,
            title: `Copy the upgraded database from ${from.label}`,
            from,
            to: o.host(s),
            source: (ctx) => String(ctx.value(upgraded, 'file')),
          }),
          restoreDatabaseStep({
            name: serverStep(zone, s, 'restore-upgraded'),
            title: 'Restore the upgraded database (onedb restore)',
            host: o.host(s),
            file: (ctx) => String(ctx.value(copy, 'file')),
          }),
        );
      }
      return steps;
    },
    /** The master's federated backup goes to the slave zone's server that is upgraded. */
    restoreFederated: (master: ZoneTopology, zone: ZoneTopology): PlanStep[] => {
      const from = o.host(primaryOf(master));
      return [primaryOf(zone)].flatMap((s) => {
        const copy = serverStep(zone, s, 'copy-federated');
        return [
          copyFileStep({
            name: copy,
            title: `Copy the federated backup from ${from.label}`,
            from,
            to: o.host(s),
            source: (ctx) => String(ctx.value(`zone-${master.id}/federated-backup`, 'file')),
          }),
          restoreDatabaseStep({
            name: serverStep(zone, s, 'restore-federated'),
            title: "Restore the master's federated tables (onedb restore --federated)",
            host: o.host(s),
            file: (ctx) => String(ctx.value(copy, 'file')),
            federated: true,
          }),
        ];
      });
    },
    /** The leader first, then the others; waits until the zone is healthy again. */
    startZone: (zone: ZoneTopology): PlanStep[] => {
      const access = o.zoneAccess(zone.id);
      const deps = { zone: access, waiting: o.waiting };
      return [
        ...[...zone.servers].reverse().map((s) =>
          serviceStep({
            name: serverStep(zone, s, 'start-daemon'),
            host: o.host(s),
            action: 'start',
          }),
        ),
        ...(zone.servers.length > 1
          ? [resetLaggingStep(deps, { name: `zone-${zone.id}/reset-servers` })]
          : []),
        waitHealthyStep(deps, { name: `zone-${zone.id}/wait-healthy` }),
      ];
    },
  };
}
