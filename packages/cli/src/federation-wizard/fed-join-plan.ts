// `onezone fed-join`: slave zones join the federation, each as the guide's step 2 does it
// by hand: the slave's daemon started once (its database bootstrapped) and stopped; its
// zone created on the master; the master's federated tables backed up, copied to the slave
// and restored there; the master's credentials copied; FEDERATION MODE SLAVE, ZONE_ID and
// MASTER_ONED set; the daemon started; and the gate: its FEDLOG_INDEX equals the master's.
// Slaves join one after the other, so each later backup holds the earlier slaves' zones.
// A slave given `import` is an existing zone: instead of the first start, its users,
// groups, ACL rules and local objects are imported first (import-zone-steps.ts).
import { OneKitError } from '@onekit/core';
import { copyFileStep, serviceStep, type HaHost } from '../ha-wizard/index.js';
import type { Plan, PlanStep } from '../plan/index.js';
import { federationChecks } from './federation-checks.js';
import {
  copyAuthFilesStep,
  federatedBackupStep,
  federatedRestoreStep,
  federationConfStep,
  hostFederation,
} from './federation-host-steps.js';
import {
  createZoneStep,
  waitFedIndexStep,
  waitListeningStep,
  type FederationDeps,
} from './federation-zone-steps.js';
import type { IdentityAccess } from './import-access.js';
import { importSteps, type ZoneImport } from './import-zone-steps.js';

export interface SlaveSpec {
  /** The zone's name. */
  readonly name: string;
  /** The slave's XML-RPC endpoint (the zone's ENDPOINT). */
  readonly rpc: string;
  readonly host: HaHost;
  /** An existing zone whose users, groups and objects are imported (--import). */
  readonly import?: ZoneImport;
}

export interface FedJoinOptions {
  readonly deps: FederationDeps & {
    readonly clock: () => Date;
    /** The master's identities, for imported zones. */
    readonly identities?: IdentityAccess;
    /** Told after each user an import creates on the master. */
    readonly afterUserCreated?: (count: number) => Promise<void>;
  };
  /** The master's host: its database is backed up, its .one credentials copied. */
  readonly master: HaHost;
  /** MASTER_ONED of the slaves (default: the command's endpoint). */
  readonly masterOned: string;
  readonly slaves: readonly SlaveSpec[];
  readonly rerun: string;
}

export function fedJoinPlan(o: FedJoinOptions): Plan {
  const names = o.slaves.map((s) => s.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) {
    throw new OneKitError('FLAG_INVALID', `zone ${twice} is named twice`, { field: 'name' });
  }
  return {
    wizard: 'onezone fed-join',
    key: `zones-${names.join('+')}`,
    answers: {
      master: o.master.label,
      'master-oned': o.masterOned,
      ...Object.fromEntries(
        o.slaves.flatMap((s, i) => [
          [`name.${i}`, s.name],
          [`rpc.${i}`, s.rpc],
          [`host.${i}`, s.host.label],
          ...(s.import
            ? [
                [`import.${i}`, true],
                [`merge-users.${i}`, s.import.mergeUsers],
                [`merge-groups.${i}`, s.import.mergeGroups],
                [`zone-servers.${i}`, s.import.otherServers.map((h) => h.label).join(',')],
              ]
            : []),
        ]),
      ),
    },
    steps: o.slaves.flatMap((s) => slaveSteps(o, s)),
    checks: federationChecks({
      federation: o.deps.federation,
      hosts: [o.master, ...o.slaves.flatMap((s) => [s.host, ...(s.import?.otherServers ?? [])])],
      slaves: o.slaves,
    }),
    rerun: o.rerun,
  };
}

function slaveSteps(o: FedJoinOptions, slave: SlaveSpec): PlanStep[] {
  const { deps, master } = o;
  const step = (action: string) => `${slave.name}/${action}`;
  const zoneId = (ctx: { value(step: string, key: string): unknown }) =>
    Number(ctx.value(step('create-zone'), 'id'));
  const createZone = createZoneStep(deps, {
    name: step('create-zone'),
    zone: { name: slave.name, rpc: slave.rpc },
  });
  const checkedCreateZone: PlanStep = {
    ...createZone,
    async gate(ctx) {
      const settings = await hostFederation(master);
      if (settings.mode !== 'MASTER') {
        throw new OneKitError(
          'PLAN_REFUSED',
          `${master.label} is not a federation master (MODE ${settings.mode}): run onezone fed-master first`,
          { field: step('create-zone') },
        );
      }
      await createZone.gate?.(ctx);
    },
  };
  return [
    ...(slave.import
      ? importSteps(
          { ...deps, identities: identitiesOf(deps) },
          {
            zone: { name: slave.name, host: slave.host },
            import: slave.import,
            master,
            createZone: checkedCreateZone,
            zoneId,
          },
        )
      : [
          serviceStep({ name: step('start-once'), host: slave.host, action: 'start' }),
          waitListeningStep(deps, {
            name: step('wait-bootstrapped'),
            endpoint: slave.rpc,
            host: slave.host.label,
          }),
          serviceStep({ name: step('stop-daemon'), host: slave.host, action: 'stop' }),
          checkedCreateZone,
        ]),
    federatedBackupStep({
      name: step('backup-federated'),
      host: master,
      what: `federated-for-${slave.name}`,
      clock: deps.clock,
    }),
    copyFileStep({
      name: step('copy-backup'),
      title: `Copy the federated backup from ${master.label}`,
      from: master,
      to: slave.host,
      source: (ctx) => String(ctx.value(step('backup-federated'), 'file')),
    }),
    copyAuthFilesStep({
      name: step('copy-credentials'),
      from: master,
      to: slave.host,
      clock: deps.clock,
    }),
    federatedRestoreStep({
      name: step('restore-federated'),
      host: slave.host,
      file: (ctx) => String(ctx.value(step('copy-backup'), 'file')),
    }),
    federationConfStep({
      name: step('set-slave-mode'),
      host: slave.host,
      settings: (ctx) => ({ mode: 'SLAVE', zoneId: zoneId(ctx), masterOned: o.masterOned }),
      clock: deps.clock,
      refuse: (current) =>
        current.mode === 'MASTER' ? `${slave.host.label} is a federation master` : undefined,
    }),
    serviceStep({ name: step('start-daemon'), host: slave.host, action: 'start' }),
    waitFedIndexStep(deps, { name: step('wait-fed-index'), endpoint: slave.rpc, zone: zoneId }),
  ];
}

function identitiesOf(deps: FedJoinOptions['deps']): IdentityAccess {
  if (!deps.identities) throw new Error('an import needs the master identities access');
  return deps.identities;
}
