// `onezone ha-recover`: a follower that fell outside the leader's log window gets a fresh
// copy of the leader's database (restored with its daemon stopped), starts again, and the
// leader is told to resend its log from its last index (server-reset).
import type { Plan } from '../plan/index.js';
import {
  clocksCheck,
  freeDiskCheck,
  quorumCheck,
  reachabilityCheck,
  versionsCheck,
} from './checks.js';
import {
  backupDatabaseStep,
  copyFileStep,
  restoreDatabaseStep,
  serviceStep,
  type HaHost,
} from './host-steps.js';
import { resetServerStep, waitCaughtUpStep, type ZoneDeps } from './zone-steps.js';

export interface HaRecoverOptions {
  readonly deps: ZoneDeps & { readonly clock: () => Date };
  readonly serverId: number;
  /** The leader's host (where the fresh backup is taken). */
  readonly from: HaHost;
  /** The follower's host. */
  readonly target: HaHost;
  readonly rerun: string;
}

export function haRecoverPlan(o: HaRecoverOptions): Plan {
  const { deps, from, target } = o;
  const hosts = [from, target];
  return {
    wizard: 'onezone ha-recover',
    key: `zone-${deps.zone.zoneId}`,
    answers: { zone: deps.zone.zoneId, server: o.serverId, from: from.label, host: target.label },
    steps: [
      backupDatabaseStep({
        name: 'leader/backup-database',
        host: from,
        what: 'leader-db',
        clock: deps.clock,
      }),
      copyFileStep({
        name: 'follower/copy-database',
        title: `Copy the backup from ${from.label}`,
        from,
        to: target,
        source: (ctx) => String(ctx.value('leader/backup-database', 'file')),
      }),
      backupDatabaseStep({
        name: 'follower/backup-database',
        host: target,
        what: 'follower-db',
        clock: deps.clock,
      }),
      serviceStep({ name: 'follower/stop-daemon', host: target, action: 'stop' }),
      restoreDatabaseStep({
        name: 'follower/restore-database',
        host: target,
        file: (ctx) => String(ctx.value('follower/copy-database', 'file')),
      }),
      serviceStep({ name: 'follower/start-daemon', host: target, action: 'start' }),
      resetServerStep(deps, { name: 'zone/reset-server', serverId: () => o.serverId }),
      waitCaughtUpStep(deps, { name: 'zone/wait-caught-up', serverId: () => o.serverId }),
    ],
    checks: [
      reachabilityCheck(hosts, deps.zone),
      versionsCheck(hosts),
      quorumCheck(deps.zone, { requireHealthy: false, removing: o.serverId }),
      clocksCheck(async () => {
        const zone = await deps.zone.info();
        return zone.servers.filter((s) => Number(s.id) !== o.serverId).map((s) => s.endpoint);
      }, deps.clock),
      freeDiskCheck(hosts),
    ],
    rerun: o.rerun,
  };
}
