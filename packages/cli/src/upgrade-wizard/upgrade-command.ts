// The base of `onezone upgrade-plan` and `upgrade-apply`: reads the federation (or, for a
// run that has not finished, the topology its record holds, since its daemons may be
// stopped), opens each server's host once and builds the apply plan.
import type { ApiFlagValues } from '../command/index.js';
import type { HaHost } from '../ha-wizard/host-steps.js';
import {
  HaWizardCommand,
  type HostFlagValues,
  type PlanFlagValues,
} from '../ha-wizard/wizard-command.js';
import { zoneAccess } from '../ha-wizard/zone-access.js';
import { fileRunStore, runsDir, type Plan, type PlanOutcome } from '../plan/index.js';
import { UPGRADE_WIZARD, upgradeApplyPlan } from './apply-plan.js';
import { upgradeChecks } from './checks.js';
import { gateProblems, surveyFederation, type FederationSurvey } from './survey.js';
import { procedureFor, type UpgradeProcedure, type UpgradeTarget } from './target.js';
import {
  hostMapping,
  readTopology,
  topologyOfAnswer,
  type ServerTopology,
  type UpgradeTopology,
} from './topology.js';

export interface UpgradeFlagValues extends ApiFlagValues, HostFlagValues {
  'master-zone': number;
  host?: string[];
  coordinated: boolean;
}

export interface UpgradeSetup {
  readonly topology: UpgradeTopology;
  readonly procedure: UpgradeProcedure;
  readonly target: UpgradeTarget;
  readonly plan: Plan;
  /** The federation now (read once, on first use). */
  readonly survey: () => Promise<FederationSurvey>;
  /** Set when the plan comes from an unfinished run's record. */
  readonly resumes?: string;
}

export abstract class UpgradeCommand<Result = PlanOutcome> extends HaWizardCommand<Result> {
  protected async target(): Promise<UpgradeTarget> {
    const { ONEKIT_VERSION, SHARED_DB_VERSION, LOCAL_DB_VERSION } = await import('@onekit/daemon');
    return { onekit: ONEKIT_VERSION, shared: SHARED_DB_VERSION, local: LOCAL_DB_VERSION };
  }

  protected async setup(
    flags: UpgradeFlagValues & Pick<PlanFlagValues, 'wait-timeout' | 'restart'>,
    o: { resume: boolean },
  ): Promise<UpgradeSetup> {
    const api = this.oneApi(flags);
    const target = await this.target();
    const access = (id: number) => zoneAccess(api, id);
    const recorded = o.resume && !flags.restart ? await this.unfinishedRun() : undefined;
    const topology = recorded
      ? topologyOfAnswer(recorded.answers['topology'], recorded.location)
      : await readTopology(api, {
          masterZone: flags['master-zone'],
          mapping: hostMapping(flags.host ?? []),
          leaders: async (id) => (await access(id).servers()).leader?.answer.value.serverId,
        });
    const hosts = new Map<string, HaHost>();
    for (const server of topology.zones.flatMap((z) => z.servers)) {
      if (!hosts.has(server.host)) hosts.set(server.host, await this.host(server.host, flags));
    }
    const host = (s: ServerTopology) => hosts.get(s.host)!;
    const deps = { api, host, zoneAccess: access };
    let surveyed: Promise<FederationSurvey> | undefined;
    const survey = () => (surveyed ??= surveyFederation(topology, deps));
    const procedure = recorded
      ? (String(recorded.answers['procedure']) as UpgradeProcedure)
      : procedureFor(
          (await survey()).servers.map((s) => s.versions?.schema),
          target,
          { coordinated: flags.coordinated },
        );
    const plan = upgradeApplyPlan({
      topology,
      procedure,
      target,
      host,
      api,
      zoneAccess: access,
      waiting: this.waiting(flags),
      clock: this.clock,
      checks: upgradeChecks({ survey, hosts: [...hosts.values()] }),
      gateProblems: async () => gateProblems(await surveyFederation(topology, deps), target),
      rerun: this.rerun(),
    });
    return {
      topology,
      procedure,
      target,
      plan,
      survey,
      ...(recorded ? { resumes: recorded.id } : {}),
    };
  }

  /** The record of an unfinished upgrade run on this machine, if there is one. */
  private async unfinishedRun() {
    const store = fileRunStore({
      dir: runsDir(this.localPaths),
      wizard: UPGRADE_WIZARD,
      key: 'federation',
    });
    const record = await store.load();
    if (!record || record.state === 'complete') return undefined;
    return { ...record, location: store.location };
  }
}
