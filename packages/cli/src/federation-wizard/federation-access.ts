// The federation as its wizards see it through the master's XML-RPC API: the zone pool
// (create, delete, ENDPOINT) and each zone's FEDLOG_INDEX, asked at its own endpoint.
import { OneKitError } from '@onekit/core';
import type { OneApi } from '../rpc/index.js';
import { probeRaftStatus } from '../zone/raft-probe.js';
import { readZoneInfo, readZonePool } from '../zone/zone-list.js';
import type { ZoneView } from '../zone/zone-document.js';

export interface FederationAccess {
  /** The master's endpoint (the command's). */
  readonly endpoint: string;
  zone(id: number): Promise<ZoneView>;
  zoneNamed(name: string): Promise<ZoneView | undefined>;
  /** one.zone.allocate; resolves with the new zone's id. */
  createZone(o: { name: string; endpoint: string }): Promise<number>;
  deleteZone(id: number): Promise<void>;
  /** one.zone.update (merge) of the zone's ENDPOINT. */
  setEndpoint(id: number, endpoint: string): Promise<void>;
  /** FEDLOG_INDEX at an endpoint, with the command's credentials; '-' when it does not answer. */
  fedIndex(endpoint: string): Promise<string>;
}

export function federationAccess(api: OneApi): FederationAccess {
  return {
    endpoint: api.endpoint,
    zone: (id) => readZoneInfo(api, id),
    async zoneNamed(name) {
      return (await readZonePool(api)).zones.find((z) => z.name === name);
    },
    async createZone(o) {
      const template = `NAME = ${quote(o.name, 'name')}\nENDPOINT = ${quote(o.endpoint, 'rpc')}\n`;
      return (await api.client()).callId('one.zone.allocate', template);
    },
    async deleteZone(id) {
      await (await api.client()).callId('one.zone.delete', id);
    },
    async setEndpoint(id, endpoint) {
      await (
        await api.client()
      ).callId('one.zone.update', id, `ENDPOINT = ${quote(endpoint, 'rpc')}`, 1);
    },
    async fedIndex(endpoint) {
      return (await probeRaftStatus(api, endpoint)).FEDLOG_INDEX;
    },
  };
}

function quote(value: string, field: string): string {
  if (/["\\\n]/.test(value)) {
    throw new OneKitError(
      'FLAG_INVALID',
      `${value}: quotes, backslashes and newlines are refused`,
      { field },
    );
  }
  return `"${value}"`;
}
