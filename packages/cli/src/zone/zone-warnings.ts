import { styled } from '../io/index.js';
import type { ZoneProgressView } from './zone-progress.js';
import type { ZoneServerStatus } from './zone-show.js';

// The problems `onezone show` lists under the sync status table, worked out from what the
// servers answered to one.zone.raftstatus and from the leader's onekit.zone.progress.

/** A follower whose log is further than this behind the leader's commit index is reported. */
export const followerLagWarningEntries = 1000n;

export type ZoneWarningKind =
  | 'no-answer'
  | 'no-leader'
  | 'behind'
  | 'needs-reset'
  | 'learner'
  | 'needs-reseed'
  | 'unreachable'
  | 'fed-index-differs';

export interface ZoneWarning {
  kind: ZoneWarningKind;
  /** The server the warning is about; absent for the zone as a whole. */
  serverId?: number;
  /** The zone a federation warning is about; absent for the federation as a whole. */
  zoneId?: number;
  message: string;
}

const LEADER = '3';
const SOLO = '0';

/** The server that reports LEADER in the highest term, if any does. */
export function findLeader<S extends ZoneServerStatus>(servers: readonly S[]): S | undefined {
  let found: S | undefined;
  for (const server of servers) {
    if (server.raft.STATE !== LEADER) continue;
    if (found === undefined || Number(server.raft.TERM) > Number(found.raft.TERM)) found = server;
  }
  return found;
}

export interface ZoneWarningInput {
  zoneId: number;
  servers: readonly ZoneServerStatus[];
  /** The leader's onekit.zone.progress; undefined when there is no leader or it has none. */
  leaderProgress: ZoneProgressView | undefined;
}

export function zoneWarnings(input: ZoneWarningInput): ZoneWarning[] {
  const { servers, leaderProgress: progress } = input;
  const warnings: ZoneWarning[] = [];
  for (const s of servers) {
    if (s.raft.STATE !== '-') continue;
    warnings.push({
      kind: 'no-answer',
      serverId: Number(s.id),
      message: `server ${s.id} (${s.name}) did not answer at ${s.endpoint}`,
    });
  }
  const answered = servers.filter((s) => s.raft.STATE !== '-');
  const allSolo = answered.length > 0 && answered.every((s) => s.raft.STATE === SOLO);
  if (servers.length > 0 && findLeader(servers) === undefined && !allSolo) {
    warnings.push({ kind: 'no-leader', message: 'no leader: no server reports being the leader' });
  }
  if (progress === undefined) return warnings;

  const names = new Map<number, string>();
  for (const m of [...progress.voters, ...progress.learners]) names.set(m.id, m.name);
  for (const s of servers) names.set(Number(s.id), s.name);
  const label = (id: number) => `server ${id} (${names.get(id) ?? '?'})`;
  const learners = new Set(progress.learners.map((l) => l.id));
  const followers = new Map(progress.followers.map((f) => [f.id, f]));

  for (const f of [...progress.followers].sort((a, b) => a.id - b.id)) {
    if (f.replication === 'needs-reset') {
      warnings.push({
        kind: 'needs-reset',
        serverId: f.id,
        message: `${label(f.id)} is outside the leader's retained log: copy the leader's database to it and run onezone server-reset ${input.zoneId} ${f.id}`,
      });
    } else if (learners.has(f.id)) {
      warnings.push({
        kind: 'learner',
        serverId: f.id,
        message: `${label(f.id)} is a learner still catching up (at index ${f.match} of ${progress.commit}); it gets a vote once it has caught up`,
      });
    } else if (progress.commit - f.match > followerLagWarningEntries) {
      warnings.push({
        kind: 'behind',
        serverId: f.id,
        message: `${label(f.id)} is ${progress.commit - f.match} entries behind the leader's commit index ${progress.commit}`,
      });
    }
  }
  for (const id of [...learners].filter((id) => !followers.has(id)).sort((a, b) => a - b)) {
    warnings.push({
      kind: 'learner',
      serverId: id,
      message: `${label(id)} is a learner still catching up; it gets a vote once it has caught up`,
    });
  }
  return warnings;
}

/** One `WARNING:` line per warning, yellow on a terminal. */
export function renderZoneWarnings(
  warnings: readonly ZoneWarning[],
  options: { color: boolean },
): string {
  return warnings
    .map((w) => {
      const line = `WARNING: ${w.message}`;
      return (options.color ? styled(line, 'yellow') : line) + '\n';
    })
    .join('');
}
