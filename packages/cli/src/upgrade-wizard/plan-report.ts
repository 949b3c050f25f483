// `onezone upgrade-plan`: per zone and server, the current and target release and schema,
// FED_INDEX and health; which procedure applies and why; the steps `apply` would run, in
// order and where; and the exact `apply` command. Pure: built from a survey and the plan.
import type { Plan } from '../plan/index.js';
import type { FederationSurvey } from './survey.js';
import { needsUpgrade, schemaText, type UpgradeProcedure, type UpgradeTarget } from './target.js';

export interface ServerReport {
  readonly id: number;
  readonly name: string;
  readonly endpoint: string;
  readonly host: string;
  readonly onekit: string | null;
  readonly schema: { readonly shared: string; readonly local: string } | null;
  readonly fedIndex: string;
  readonly upgrade: boolean;
}

export interface ZoneReport {
  readonly id: number;
  readonly name: string;
  readonly master: boolean;
  readonly healthy: boolean;
  readonly problems: readonly string[];
  readonly servers: readonly ServerReport[];
}

export interface UpgradePlanReport {
  readonly target: UpgradeTarget;
  readonly sharedChanges: boolean;
  readonly procedure: UpgradeProcedure;
  /** false: every server is at the target already. */
  readonly upgradeNeeded: boolean;
  readonly zones: readonly ZoneReport[];
  readonly steps: readonly {
    readonly name: string;
    readonly title: string;
    readonly host: string;
  }[];
  readonly apply: string;
}

export function upgradePlanReport(o: {
  survey: FederationSurvey;
  target: UpgradeTarget;
  procedure: UpgradeProcedure;
  plan: Pick<Plan, 'steps'>;
  apply: string;
}): UpgradePlanReport {
  const zones = o.survey.zones.map(({ zone, problems }) => ({
    id: zone.id,
    name: zone.name,
    master: zone.master,
    healthy: problems.length === 0,
    problems,
    servers: o.survey.servers
      .filter((s) => s.zone === zone.id)
      .map((s) => ({
        id: s.server.id,
        name: s.server.name,
        endpoint: s.server.endpoint,
        host: s.server.host,
        onekit: s.versions?.onekit ?? null,
        schema: s.versions?.schema ?? null,
        fedIndex: s.fedIndex,
        upgrade: needsUpgrade(s.versions?.schema, o.target),
      })),
  }));
  const servers = zones.flatMap((z) => z.servers);
  return {
    target: o.target,
    sharedChanges: servers.some((s) => s.schema?.shared !== o.target.shared),
    procedure: o.procedure,
    upgradeNeeded: servers.some((s) => s.upgrade),
    zones,
    steps: o.plan.steps.map((s) => ({ name: s.name, title: s.title, host: s.host })),
    apply: o.apply,
  };
}

const procedureText: Record<UpgradeProcedure, string> = {
  rolling:
    'The federated (shared) schema keeps its version: zones are upgraded one at a time, master first, while the other zones keep running.',
  coordinated:
    'Coordinated upgrade: every zone is disabled and stopped, the master zone is upgraded, its federated tables are backed up and restored on each slave zone, the slaves are upgraded, everything starts again (master first) and the zones are enabled.',
};

export function renderUpgradePlan(r: UpgradePlanReport): string {
  const lines = [
    `Target: OneKit ${r.target.onekit}, schema ${schemaText(r.target)}`,
    `Federated schema changes: ${r.sharedChanges ? 'yes' : 'no'}`,
    procedureText[r.procedure],
    '',
    'ZONE  SERVER                HOST                      ONEKIT   SHARED    LOCAL     FED_INDEX  UPGRADE',
  ];
  for (const z of r.zones) {
    for (const s of z.servers) {
      lines.push(
        [
          `${z.id}${z.master ? '*' : ''}`.padEnd(5),
          (s.id >= 0 ? `${s.id} ${s.name}` : s.name).padEnd(21),
          s.host.padEnd(25),
          (s.onekit ?? '-').padEnd(8),
          (s.schema?.shared ?? '-').padEnd(9),
          (s.schema?.local ?? '-').padEnd(9),
          s.fedIndex.padEnd(10),
          s.upgrade ? `-> ${r.target.shared}/${r.target.local}` : 'up to date',
        ].join(' '),
      );
    }
    for (const p of z.problems) lines.push(`      zone ${z.id} is not healthy: ${p}`);
  }
  lines.push('', '* master zone', '');
  if (!r.upgradeNeeded) {
    lines.push('Every server is at the target schema: nothing to upgrade.');
    return lines.join('\n') + '\n';
  }
  lines.push('STEPS (onezone upgrade-apply)');
  for (const [i, s] of r.steps.entries()) {
    lines.push(`  ${String(i + 1).padStart(2)}. ${s.title} [${s.name}] on ${s.host}`);
  }
  lines.push('', 'To upgrade, run:', `  ${r.apply}`);
  return lines.join('\n') + '\n';
}
