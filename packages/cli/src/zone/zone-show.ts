import { cdataElement, element, renderXml, type XmlObject } from '@onekit/core';
import {
  children,
  child,
  documentObject,
  readObjectDocument,
  templateText,
} from '../one-documents/index.js';
import type { OneApi } from '../rpc/index.js';
import { labelLine, sectionHeader } from '../show-layout/index.js';
import { renderTable, type TableSpec } from '../table/index.js';
import { probeEach, raftFields, raftProbeTimeoutMs, type RaftStatusText } from './raft-probe.js';
import {
  callOneKit,
  raftStateNames,
  readZoneProgress,
  type ZoneProgressView,
} from './zone-progress.js';
import { federationWarnings, masterShipStatus } from './federation-warnings.js';
import { readZonePool } from './zone-list.js';
import { findLeader, renderZoneWarnings, zoneWarnings, type ZoneWarning } from './zone-warnings.js';
import {
  zoneShape,
  zoneStateName,
  zoneView,
  type ZoneServerView,
  type ZoneView,
} from './zone-document.js';

/** A server of the zone with the Raft status its own endpoint reported. */
export interface ZoneServerStatus extends ZoneServerView {
  raft: RaftStatusText;
}

export interface ZoneShow {
  /** The "extended" ZONE document: each SERVER carries its Raft fields (for -x). */
  xml: string;
  /** The same, typed (for --json and -y). */
  document: XmlObject;
  zone: ZoneView;
  servers: ZoneServerStatus[];
  /** Problems of the zone's servers, for the text output only (empty unless asked for). */
  warnings: ZoneWarning[];
}

/**
 * one.zone.info, then one.zone.raftstatus at each server's endpoint; the answers (or `-`
 * for a server that did not answer) go into the SERVER elements as upstream's "info
 * extended" puts them. With `warnings`, the leader's onekit.zone.progress is asked too.
 */
export async function showZone(
  api: OneApi,
  id: number,
  options: { warnings: boolean },
): Promise<ZoneShow> {
  const xml = await (await api.client()).callText('one.zone.info', id);
  const show = await zoneShowFromXml(xml, (endpoints) => probeEach(api, endpoints));
  if (!options.warnings) return show;
  if (show.servers.length > 0) {
    const leader = findLeader(show.servers);
    const leaderProgress = leader ? await progressOf(api, leader.endpoint) : undefined;
    show.warnings = zoneWarnings({ zoneId: show.zone.id, servers: show.servers, leaderProgress });
  }
  show.warnings.push(...(await zoneFederationWarnings(api, show.zone.id)));
  return show;
}

/**
 * The federation warnings about zone `id` (its shipping state as the master reports it)
 * and about the federation (FED_INDEX differing between zones). Best effort: a pool that
 * cannot be read gives none.
 */
async function zoneFederationWarnings(api: OneApi, id: number): Promise<ZoneWarning[]> {
  let zones: ZoneView[];
  try {
    zones = (await readZonePool(api)).zones;
  } catch {
    // Not readable (an older server, a user without USE on zones): nothing to compare.
    return [];
  }
  const endpoints = zones.map((z) => z.endpoint);
  const [statuses, ship] = await Promise.all([
    probeEach(api, endpoints),
    masterShipStatus(api, endpoints),
  ]);
  const federated = zones.map((z) => ({
    id: z.id,
    name: z.name,
    fedIndex: statuses.get(z.endpoint)!.FEDLOG_INDEX,
  }));
  return federationWarnings({ zones: federated, ship }).filter(
    (w) => w.zoneId === undefined || w.zoneId === id,
  );
}

/** A server's onekit.zone.progress; undefined when it has none to give (an oned, a failure). */
async function progressOf(api: OneApi, endpoint: string): Promise<ZoneProgressView | undefined> {
  const client = api.clientFor(endpoint, { timeoutMs: raftProbeTimeoutMs });
  const answer = await callOneKit(client, 'onekit.zone.progress', readZoneProgress);
  return answer.ok ? answer.value : undefined;
}

/** Asks each endpoint for its Raft status. */
export type RaftProbe = (endpoints: readonly string[]) => Promise<Map<string, RaftStatusText>>;

/** The show data of a ZONE document, its servers' status asked through `probe`. */
export async function zoneShowFromXml(xml: string, probe: RaftProbe): Promise<ZoneShow> {
  const zone = zoneView(documentObject(readObjectDocument(xml, zoneShape), zoneShape));
  if (zone.servers.length === 0) {
    return { xml, document: readObjectDocument(xml, zoneShape), zone, servers: [], warnings: [] };
  }
  const statuses = await probe(zone.servers.map((s) => s.endpoint));
  const servers = zone.servers.map((s) => ({ ...s, raft: statuses.get(s.endpoint)! }));
  const extended = withServerStatus(xml, servers);
  const document = readObjectDocument(extended, zoneShape);
  typeRaftFields(documentObject(document, zoneShape));
  return { xml: extended, document, zone, servers, warnings: [] };
}

/** Replaces the SERVER_POOL element (the last of the document) with the extended one. */
function withServerStatus(xml: string, servers: readonly ZoneServerStatus[]): string {
  const start = xml.lastIndexOf('<SERVER_POOL');
  const close = '</SERVER_POOL>';
  const end = xml.indexOf(close, start);
  const pool = element(
    'SERVER_POOL',
    servers.map((s) =>
      element('SERVER', [
        cdataElement('ENDPOINT', s.endpoint),
        cdataElement('ID', s.id),
        cdataElement('NAME', s.name),
        ...raftFields.map((f) => element(f, s.raft[f])),
      ]),
    ),
  );
  return xml.slice(0, start) + renderXml(pool) + xml.slice(end + close.length);
}

/** Raft fields as numbers in --json, `-` left as it is. */
function typeRaftFields(zone: XmlObject): void {
  for (const server of children(child(zone, 'SERVER_POOL'), 'SERVER')) {
    for (const field of raftFields) {
      const value = server[field];
      if (typeof value !== 'string' || !/^-?\d+$/.test(value)) continue;
      const big = BigInt(value);
      server[field] = Number.isSafeInteger(Number(big)) ? Number(big) : big;
    }
  }
}

/** A state upstream has no word for, `-` included, shows as `error`. */
function raftStateText(state: string): string {
  return (/^\d+$/.test(state) && raftStateNames[Number(state)]) || 'error';
}

const serverTable: TableSpec<ZoneServerStatus> = {
  columns: [
    { name: 'ID', description: '', size: 2, value: (s) => s.id },
    { name: 'NAME', description: '', size: 15, left: true, value: (s) => s.name },
    { name: 'ENDPOINT', description: '', size: 63, left: true, value: (s) => s.endpoint },
  ],
};

const syncTable: TableSpec<ZoneServerStatus> = {
  columns: [
    { name: 'ID', description: '', size: 2, value: (s) => s.id },
    { name: 'NAME', description: '', size: 15, left: true, value: (s) => s.name },
    {
      name: 'STATE',
      description: '',
      size: 10,
      left: true,
      value: (s) => raftStateText(s.raft.STATE),
    },
    { name: 'TERM', description: '', size: 10, left: true, value: (s) => s.raft.TERM },
    { name: 'INDEX', description: '', size: 10, left: true, value: (s) => s.raft.LOG_INDEX },
    { name: 'COMMIT', description: '', size: 10, left: true, value: (s) => s.raft.COMMIT },
    { name: 'VOTE', description: '', size: 5, left: true, value: (s) => s.raft.VOTEDFOR },
    {
      name: 'FED_INDEX',
      description: '',
      size: 10,
      left: true,
      value: (s) => s.raft.FEDLOG_INDEX,
    },
  ],
};

/**
 * `onezone show` as text: information lines, the servers and their sync status when the
 * zone has servers (upstream prints both tables only then) followed by a line for each
 * problem found, and the template.
 */
export function renderZoneShow(show: ZoneShow, options: { color: boolean }): string {
  const { zone } = show;
  const { color } = options;
  const table = { color };
  let out = sectionHeader(`ZONE ${zone.id} INFORMATION`, { color, underline: true });
  out += labelLine('ID', String(zone.id), 18);
  out += labelLine('NAME', zone.name, 18);
  out += labelLine('STATE', zoneStateName(zone.state), 18);
  out += '\n';
  if (show.servers.length > 0) {
    out += '\n' + sectionHeader('ZONE SERVERS', { color });
    out += renderTable(show.servers, serverTable, table);
    out += '\n' + sectionHeader('HA & FEDERATION SYNC STATUS', { color });
    out += renderTable(show.servers, syncTable, table);
  }
  // Under the sync status table, or under the information lines when there is none.
  out += renderZoneWarnings(show.warnings, { color });
  out += '\n' + sectionHeader('ZONE TEMPLATE', { color });
  // An empty template still ends the output with an empty line, as upstream's puts does.
  return out + (templateText(zone.template) || '\n');
}
