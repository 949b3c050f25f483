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
import { probeEach, raftFields, type RaftStatusText } from './raft-probe.js';
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
}

/**
 * one.zone.info, then one.zone.raftstatus at each server's endpoint; the answers (or `-`
 * for a server that did not answer) go into the SERVER elements as upstream's "info
 * extended" puts them.
 */
export async function showZone(api: OneApi, id: number): Promise<ZoneShow> {
  const xml = await (await api.client()).callText('one.zone.info', id);
  return zoneShowFromXml(xml, (endpoints) => probeEach(api, endpoints));
}

/** Asks each endpoint for its Raft status. */
export type RaftProbe = (endpoints: readonly string[]) => Promise<Map<string, RaftStatusText>>;

/** The show data of a ZONE document, its servers' status asked through `probe`. */
export async function zoneShowFromXml(xml: string, probe: RaftProbe): Promise<ZoneShow> {
  const zone = zoneView(documentObject(readObjectDocument(xml, zoneShape), zoneShape));
  if (zone.servers.length === 0) {
    return { xml, document: readObjectDocument(xml, zoneShape), zone, servers: [] };
  }
  const statuses = await probe(zone.servers.map((s) => s.endpoint));
  const servers = zone.servers.map((s) => ({ ...s, raft: statuses.get(s.endpoint)! }));
  const extended = withServerStatus(xml, servers);
  const document = readObjectDocument(extended, zoneShape);
  typeRaftFields(documentObject(document, zoneShape));
  return { xml: extended, document, zone, servers };
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

const raftStateNames: Record<string, string> = {
  '0': 'solo',
  '1': 'candidate',
  '2': 'follower',
  '3': 'leader',
};

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
      value: (s) => raftStateNames[s.raft.STATE] ?? 'error',
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
 * zone has servers (upstream prints both tables only then), and the template.
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
  out += '\n' + sectionHeader('ZONE TEMPLATE', { color });
  // An empty template still ends the output with an empty line, as upstream's puts does.
  return out + (templateText(zone.template) || '\n');
}
