import type { XmlRpcValue } from '@onekit/core';
import type { OneApi } from '../rpc/index.js';
import { raftProbeTimeoutMs } from './raft-probe.js';
import { callOneKit } from './zone-progress.js';
import type { ZoneWarning } from './zone-warnings.js';

// The federation problems `onezone list` and `show` print under their tables: a zone the
// master cannot ship to or that fell behind its retained log (the master's
// onekit.federation.status), and zones that do not hold the same federation index. Only a
// OneKit master answers onekit.federation.status; against OpenNebula's oned, or when no
// master answers, only the FED_INDEX comparison is made.

/** One slave zone as the federation master ships to it. */
export interface ZoneShipView {
  zoneId: number;
  endpoint: string;
  /** The last federated index the zone confirmed; -1 when none. */
  lastIndex: bigint;
  /** `replicating`, `unreachable` or `needs-reseed`. */
  state: string;
  lastError: string;
}

export const FEDERATION_STATUS = 'onekit.federation.status';

export function readFederationStatus(value: XmlRpcValue): ZoneShipView[] {
  if (!Array.isArray(value)) throw new TypeError(`${FEDERATION_STATUS} is not an array`);
  return value.map((item) => {
    const s = item as Record<string, XmlRpcValue>;
    const index = s['LAST_INDEX'];
    if (typeof s['ZONE_ID'] !== 'number' || typeof s['STATE'] !== 'string') {
      throw new TypeError(`${FEDERATION_STATUS} has a zone without ZONE_ID or STATE`);
    }
    return {
      zoneId: s['ZONE_ID'],
      endpoint: String(s['ENDPOINT'] ?? ''),
      lastIndex: typeof index === 'bigint' ? index : BigInt(Number(index ?? -1)),
      state: s['STATE'],
      lastError: String(s['LAST_ERROR'] ?? ''),
    };
  });
}

/**
 * The master's shipping status, asked at the client's endpoint and at every zone endpoint
 * at once (the master is one of them; any of its servers forwards to the one that ships);
 * undefined when none answers it.
 */
export async function masterShipStatus(
  api: OneApi,
  zoneEndpoints: readonly string[],
): Promise<ZoneShipView[] | undefined> {
  const endpoints = [...new Set([api.endpoint, ...zoneEndpoints])].filter((e) =>
    /^https?:\/\//.test(e),
  );
  const answers = await Promise.all(
    endpoints.map((endpoint) =>
      callOneKit(
        api.clientFor(endpoint, { timeoutMs: raftProbeTimeoutMs }),
        FEDERATION_STATUS,
        readFederationStatus,
      ),
    ),
  );
  for (const answer of answers) if (answer.ok) return answer.value;
  return undefined;
}

export const reseedAdvice =
  're-seed it from a federated backup: onedb backup --federated on the master, onedb restore --federated on the zone';

/** A zone as the warnings name it, with the FED_INDEX its endpoint reported (`-`: none). */
export interface FederatedZone {
  id: number;
  name: string;
  fedIndex: string;
}

export interface FederationWarningInput {
  zones: readonly FederatedZone[];
  /** The master's onekit.federation.status; undefined when no master answered. */
  ship: readonly ZoneShipView[] | undefined;
}

export function federationWarnings(input: FederationWarningInput): ZoneWarning[] {
  const warnings: ZoneWarning[] = [];
  const names = new Map(input.zones.map((z) => [z.id, z.name]));
  const label = (id: number) => `zone ${id} (${names.get(id) ?? '?'})`;
  for (const zone of [...(input.ship ?? [])].sort((a, b) => a.zoneId - b.zoneId)) {
    const error = zone.lastError === '' ? '' : `: ${zone.lastError}`;
    if (zone.state === 'needs-reseed') {
      warnings.push({
        kind: 'needs-reseed',
        zoneId: zone.zoneId,
        message: `${label(zone.zoneId)} is behind the master's retained federation log; ${reseedAdvice}`,
      });
    } else if (zone.state === 'unreachable') {
      warnings.push({
        kind: 'unreachable',
        zoneId: zone.zoneId,
        message: `${label(zone.zoneId)} cannot be reached by the federation master at ${zone.endpoint}${error}`,
      });
    }
  }
  const known = input.zones.filter((z) => /^\d+$/.test(z.fedIndex));
  if (new Set(known.map((z) => z.fedIndex)).size > 1) {
    const list = known.map((z) => `${label(z.id)} ${z.fedIndex}`).join(', ');
    warnings.push({
      kind: 'fed-index-differs',
      message: `FED_INDEX differs between zones: ${list}`,
    });
  }
  return warnings;
}
