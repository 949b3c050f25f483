// The federation as it is now, read without changing anything: each server's versions
// (through its host's transport), its FEDLOG_INDEX (one.zone.raftstatus), and each zone's
// health (every server's onekit.zone.progress). `plan`, the preflight checks and the final
// gate all read it; what they conclude from it are pure functions below.
import type { HaHost } from '../ha-wizard/host-steps.js';
import type { ZoneAccess } from '../ha-wizard/zone-access.js';
import { healthProblems } from '../ha-wizard/zone-state.js';
import type { OneApi } from '../rpc/index.js';
import type { HostVersions } from '../transport/host-transport.js';
import { probeRaftStatus } from '../zone/raft-probe.js';
import { needsUpgrade, schemaText, type UpgradeTarget } from './target.js';
import type { ServerTopology, UpgradeTopology, ZoneTopology } from './topology.js';

export interface ServerSurvey {
  readonly zone: number;
  readonly server: ServerTopology;
  readonly versions?: HostVersions;
  /** Why the versions could not be read. */
  readonly versionsError?: string;
  /** FEDLOG_INDEX, `-` when the server does not answer. */
  readonly fedIndex: string;
}

export interface ZoneSurvey {
  readonly zone: ZoneTopology;
  /** What keeps the zone from being healthy; empty when healthy. */
  readonly problems: readonly string[];
}

export interface FederationSurvey {
  readonly zones: readonly ZoneSurvey[];
  readonly servers: readonly ServerSurvey[];
}

export interface SurveyDeps {
  readonly api: OneApi;
  readonly host: (server: ServerTopology) => HaHost;
  readonly zoneAccess: (zoneId: number) => ZoneAccess;
}

export async function surveyFederation(
  topology: UpgradeTopology,
  d: SurveyDeps,
): Promise<FederationSurvey> {
  const zones = await Promise.all(
    topology.zones.map(async (zone) => {
      try {
        return { zone, problems: healthProblems(await d.zoneAccess(zone.id).servers()) };
      } catch (err) {
        return { zone, problems: [(err as Error).message] };
      }
    }),
  );
  const servers = await Promise.all(
    topology.zones.flatMap((zone) =>
      zone.servers.map(async (server): Promise<ServerSurvey> => {
        const fedIndex = (await probeRaftStatus(d.api, server.endpoint)).FEDLOG_INDEX;
        try {
          const versions = await d.host(server).transport.versions();
          return { zone: zone.id, server, versions, fedIndex };
        } catch (err) {
          return { zone: zone.id, server, versionsError: (err as Error).message, fedIndex };
        }
      }),
    ),
  );
  return { zones, servers };
}

/** Every zone's health problems, each named by its zone. */
export function zoneProblems(survey: FederationSurvey): string[] {
  return survey.zones.flatMap((z) => z.problems.map((p) => `zone ${z.zone.id}: ${p}`));
}

/** Why FED_INDEX differs across servers (or is unknown somewhere); undefined when equal. */
export function fedIndexProblem(servers: readonly ServerSurvey[]): string | undefined {
  const unknown = servers.filter((s) => s.fedIndex === '-');
  if (unknown.length > 0) {
    return `no FED_INDEX from ${unknown.map((s) => s.server.endpoint).join(', ')}`;
  }
  const indexes = new Set(servers.map((s) => s.fedIndex));
  if (indexes.size <= 1) return undefined;
  return `FED_INDEX differs: ${servers.map((s) => `zone ${s.zone} ${s.server.name} ${s.fedIndex}`).join(', ')}`;
}

/** Servers whose versions could not be read, or that report no schema. */
export function unreadableVersions(servers: readonly ServerSurvey[]): string[] {
  return servers.flatMap((s) =>
    s.versionsError !== undefined
      ? [`${s.server.host}: ${s.versionsError}`]
      : s.versions?.schema === undefined
        ? [`${s.server.host}: no schema version (no database the agent can read)`]
        : [],
  );
}

/** What keeps the upgrade from being finished: schemas, zone health, FED_INDEX. */
export function gateProblems(survey: FederationSurvey, target: UpgradeTarget): string[] {
  const problems = survey.servers.flatMap((s) =>
    needsUpgrade(s.versions?.schema, target)
      ? [
          `${s.server.host}: schema ${s.versions?.schema ? schemaText(s.versions.schema) : 'unreadable'}`,
        ]
      : [],
  );
  problems.push(...zoneProblems(survey));
  const fed = fedIndexProblem(survey.servers);
  if (fed) problems.push(fed);
  return problems;
}
