import { readXmlDocument, type XmlObject } from '@onekit/core';
import type { OneApi } from '../rpc/index.js';

// one.zone.raftstatus sent to another server (a zone's or an HA server's endpoint) with
// the caller's credentials, as `onezone list` and `show` do: five seconds, and any failure
// (unreachable, refused, not authorized) is an unknown status rather than an error.

export const raftProbeTimeoutMs = 5_000;

/** The RAFT fields `show` injects into each SERVER, in the order it injects them. */
export const raftFields = [
  'STATE',
  'TERM',
  'VOTEDFOR',
  'COMMIT',
  'LOG_INDEX',
  'FEDLOG_INDEX',
] as const;
export type RaftField = (typeof raftFields)[number];

/** Each field's text, or `-` for every field when the server did not answer. */
export type RaftStatusText = Record<RaftField, string>;

export const unknownRaftStatus: RaftStatusText = Object.fromEntries(
  raftFields.map((f) => [f, '-']),
) as RaftStatusText;

export async function probeRaftStatus(api: OneApi, endpoint: string): Promise<RaftStatusText> {
  if (!/^https?:\/\//.test(endpoint)) return unknownRaftStatus;
  try {
    const client = await api.clientFor(endpoint, { timeoutMs: raftProbeTimeoutMs });
    const raft = readXmlDocument(await client.callText('one.zone.raftstatus'), { root: 'RAFT' })
      .RAFT as XmlObject;
    return Object.fromEntries(
      raftFields.map((f) => [f, typeof raft[f] === 'string' ? raft[f] : '-']),
    ) as RaftStatusText;
  } catch {
    // Unreachable, refused or unreadable: upstream shows `-` and carries on.
    return unknownRaftStatus;
  }
}

/** Probes each distinct endpoint once, all at the same time. */
export async function probeEach(
  api: OneApi,
  endpoints: readonly string[],
): Promise<Map<string, RaftStatusText>> {
  const distinct = [...new Set(endpoints)];
  const statuses = await Promise.all(distinct.map((e) => probeRaftStatus(api, e)));
  return new Map(distinct.map((e, i) => [e, statuses[i]!]));
}
