import type { OneApi } from '../rpc/index.js';
import type { ZoneView } from './zone-document.js';
import {
  callOneKit,
  readZoneProgress,
  type OneKitAnswer,
  type ZoneProgressView,
} from './zone-progress.js';

// Every server of a zone and what each says of itself (onekit.zone.progress): the servers
// of SERVER_POOL, then any the leader knows that the pool does not list yet (learners).
// A zone without servers is one server, reached at the zone's endpoint.

/** How long one server may take to answer onekit.zone.progress. */
export const progressTimeoutMs = 5_000;

export const LEADER_STATE = 3;

export interface ZoneServerAnswer {
  /** -1 for the single server of a zone without HA servers. */
  id: number;
  name: string;
  endpoint: string;
  answer: OneKitAnswer<ZoneProgressView>;
}

export interface ZoneServerAnswers {
  servers: ZoneServerAnswer[];
  /** The server that answered as leader in the highest term. */
  leader: AnsweredServer | undefined;
}

/** A server that answered onekit.zone.progress. */
export type AnsweredServer = ZoneServerAnswer & { answer: { ok: true; value: ZoneProgressView } };

/** Where calls for the zone as a whole go: its ENDPOINT, else the command's own endpoint. */
export function zoneEndpoint(zone: ZoneView, api: Pick<OneApi, 'endpoint'>): string {
  return zone.endpoint.trim() !== '' ? zone.endpoint.trim() : api.endpoint;
}

export async function askZoneServers(api: OneApi, zone: ZoneView): Promise<ZoneServerAnswers> {
  const listed =
    zone.servers.length > 0
      ? zone.servers.map((s) => ({ id: Number(s.id), name: s.name, endpoint: s.endpoint }))
      : [{ id: -1, name: zone.name, endpoint: zoneEndpoint(zone, api) }];
  const servers = await askEach(api, listed);
  let leader = leaderOf(servers);
  const known = new Set(servers.map((s) => s.id));
  const unlisted = leader
    ? [...leader.answer.value.voters, ...leader.answer.value.learners].filter(
        (m) => !known.has(m.id),
      )
    : [];
  if (unlisted.length > 0) {
    servers.push(...(await askEach(api, unlisted)));
    leader = leaderOf(servers);
  }
  return { servers, leader };
}

function askEach(
  api: OneApi,
  servers: readonly { id: number; name: string; endpoint: string }[],
): Promise<ZoneServerAnswer[]> {
  return Promise.all(
    servers.map(async (s) => ({ ...s, answer: await askProgress(api, s.endpoint) })),
  );
}

function askProgress(api: OneApi, endpoint: string): Promise<OneKitAnswer<ZoneProgressView>> {
  const client = api.clientFor(endpoint, { timeoutMs: progressTimeoutMs });
  return callOneKit(client, 'onekit.zone.progress', readZoneProgress);
}

function leaderOf(servers: readonly ZoneServerAnswer[]): AnsweredServer | undefined {
  let found: AnsweredServer | undefined;
  for (const s of servers) {
    if (!s.answer.ok || s.answer.value.state !== LEADER_STATE) continue;
    const answered = s as AnsweredServer;
    if (found === undefined || answered.answer.value.term > found.answer.value.term) {
      found = answered;
    }
  }
  return found;
}
