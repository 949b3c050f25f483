import type { XmlObject } from '@onekit/core';
import { children, child, text, type DocumentShape } from '../one-documents/index.js';

// ZONE and ZONE_POOL documents (reference §2.3) and the plain view the text output uses.

export const zoneShape: DocumentShape = {
  root: 'ZONE',
  pool: 'ZONE_POOL',
  arrays: ['ZONE/SERVER_POOL/SERVER'],
  numbers: ['ZONE/ID', 'ZONE/STATE', 'ZONE/SERVER_POOL/SERVER/ID'],
};

/** oned's zone states (6.2+); a zone without STATE is enabled. */
export const zoneStateNames: Record<number, string> = { 0: 'ENABLED', 1: 'DISABLED' };
const shortStateNames: Record<number, string> = { 0: 'on', 1: 'off' };

export interface ZoneServerView {
  id: string;
  name: string;
  endpoint: string;
}

export interface ZoneView {
  id: number;
  name: string;
  state: number;
  /** TEMPLATE/ENDPOINT, '' when the zone has none. */
  endpoint: string;
  /** TEMPLATE/ONEFLOW_ENDPOINT, '' when absent. */
  oneflowEndpoint: string;
  servers: ZoneServerView[];
  template: XmlObject | undefined;
}

export function zoneView(zone: XmlObject): ZoneView {
  const template = child(zone, 'TEMPLATE');
  return {
    id: Number(zone['ID']),
    name: text(zone, 'NAME'),
    state: zone['STATE'] === undefined ? 0 : Number(zone['STATE']),
    endpoint: text(template, 'ENDPOINT'),
    oneflowEndpoint: text(template, 'ONEFLOW_ENDPOINT'),
    servers: children(child(zone, 'SERVER_POOL'), 'SERVER').map((s) => ({
      id: text(s, 'ID'),
      name: text(s, 'NAME'),
      endpoint: text(s, 'ENDPOINT'),
    })),
    template,
  };
}

/** `on`/`off` as the STAT column shows it; `-` for a state upstream has no word for. */
export function zoneStat(state: number): string {
  return shortStateNames[state] ?? '-';
}

export function zoneStateName(state: number): string {
  return zoneStateNames[state] ?? String(state);
}
