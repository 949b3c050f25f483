import type { OneApi } from '../rpc/index.js';
import { renderTable, type TableSpec } from '../table/index.js';
import type { ZoneView } from './zone-document.js';
import type { ZoneServerAnswers } from './zone-members.js';
import { callOneKit, raftStateNames, readIndex } from './zone-progress.js';

// `onezone health`: each server's own view of the zone's Raft (reachable or not), how far
// it lags behind the leader, and one real committed write through the zone's endpoint,
// which is what decides whether the zone is healthy.

export interface HealthServer {
  /** -1 for the single server of a zone without HA servers. */
  id: number;
  name: string;
  endpoint: string;
  /** voter or learner as the leader (else the server itself) sees it; solo; null: unknown. */
  role: 'voter' | 'learner' | 'solo' | null;
  state: string | null;
  term: number | null;
  commit: bigint | null;
  applied: bigint | null;
  /** The leader's commit index minus this server's; null without both. */
  lag: bigint | null;
  /** How the leader replicates to it: probe, replicate, needs-reset; null when unknown. */
  replication: string | null;
  /** Why the server gave no answer. */
  error: string | null;
}

export interface ProbeResult {
  endpoint: string;
  ok: boolean;
  /** The index of the committed write. */
  index: bigint | null;
  latencyMs: number | null;
  error: string | null;
}

export interface ZoneHealth {
  zone: { id: number; name: string; endpoint: string };
  /** The leader's server id; -1 when no server answered as leader. */
  leader: number;
  servers: HealthServer[];
  probe: ProbeResult;
  /** The probe committed: the zone can commit writes. */
  healthy: boolean;
}

/** Each server's row, from what it answered and what the leader knows of it. */
export function healthServers(answers: ZoneServerAnswers): HealthServer[] {
  const leader = answers.leader?.answer.value;
  return answers.servers.map((s) => {
    const own = s.answer.ok ? s.answer.value : undefined;
    const view = leader ?? own;
    let role: HealthServer['role'] = null;
    if (own?.state === 0) role = 'solo';
    else if (view?.voters.some((m) => m.id === s.id)) role = 'voter';
    else if (view?.learners.some((m) => m.id === s.id)) role = 'learner';
    const lagBehind = leader && own ? leader.commit - own.commit : null;
    return {
      id: s.id,
      name: s.name,
      endpoint: s.endpoint,
      role,
      state: own ? (raftStateNames[own.state] ?? String(own.state)) : null,
      term: own ? own.term : null,
      commit: own ? own.commit : null,
      applied: own ? own.applied : null,
      lag: lagBehind === null ? null : lagBehind > 0n ? lagBehind : 0n,
      replication: leader?.followers.find((f) => f.id === s.id)?.replication ?? null,
      error: s.answer.ok ? null : s.answer.message,
    };
  });
}

export interface ProbeOptions {
  timeoutMs: number;
  /** A monotonic clock in milliseconds, for the latency. */
  now: () => number;
}

/** onekit.zone.probe through `endpoint`: a small write the zone must commit. */
export async function probeZone(
  api: OneApi,
  endpoint: string,
  options: ProbeOptions,
): Promise<ProbeResult> {
  const client = api.clientFor(endpoint, { timeoutMs: options.timeoutMs });
  const started = options.now();
  const answer = await callOneKit(client, 'onekit.zone.probe', readIndex);
  const latencyMs = Math.round(options.now() - started);
  return answer.ok
    ? { endpoint, ok: true, index: answer.value, latencyMs, error: null }
    : { endpoint, ok: false, index: null, latencyMs: null, error: answer.message };
}

export function zoneHealth(
  zone: ZoneView,
  answers: ZoneServerAnswers,
  probe: ProbeResult,
): ZoneHealth {
  return {
    zone: { id: zone.id, name: zone.name, endpoint: probe.endpoint },
    leader: answers.leader?.answer.value.serverId ?? -1,
    servers: healthServers(answers),
    probe,
    healthy: probe.ok,
  };
}

const text = (value: number | bigint | string | null) => (value === null ? '-' : String(value));

function note(s: HealthServer): string {
  if (s.error !== null) return s.error;
  if (s.replication === 'needs-reset') {
    return "outside the leader's log: copy the leader's database, then server-reset";
  }
  if (s.role === 'learner') return 'learner: catching up';
  return '';
}

const healthTable: TableSpec<HealthServer> = {
  columns: [
    { name: 'ID', description: '', size: 2, value: (s) => (s.id < 0 ? '-' : String(s.id)) },
    { name: 'NAME', description: '', size: 15, left: true, value: (s) => s.name },
    { name: 'ROLE', description: '', size: 7, left: true, value: (s) => text(s.role) },
    { name: 'STATE', description: '', size: 9, left: true, value: (s) => text(s.state) },
    { name: 'TERM', description: '', size: 6, left: true, value: (s) => text(s.term) },
    { name: 'COMMIT', description: '', size: 10, left: true, value: (s) => text(s.commit) },
    { name: 'APPLIED', description: '', size: 10, left: true, value: (s) => text(s.applied) },
    { name: 'LAG', description: '', size: 8, left: true, value: (s) => text(s.lag) },
    { name: 'NOTE', description: '', size: 4, left: true, adjust: true, value: note },
  ],
};

/** The servers' table, then the probe's outcome. */
export function renderZoneHealth(health: ZoneHealth, options: { color: boolean }): string {
  const { probe } = health;
  const outcome = probe.ok
    ? `PROBE: index ${probe.index} committed through ${probe.endpoint} in ${probe.latencyMs} ms`
    : `PROBE: failed through ${probe.endpoint}: ${probe.error}`;
  return renderTable(health.servers, healthTable, { color: options.color }) + `\n${outcome}\n`;
}
