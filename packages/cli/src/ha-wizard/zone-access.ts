// The zone as the HA wizards see it, through the XML-RPC API and the zone's endpoint (the
// command's): its servers and each one's Raft view (onekit.zone.progress), and the
// server-add/del/reset calls.
import { OneKitError } from '@onekit/core';
import { serverAddTemplate } from '../zone/zone-server-args.js';
import { readZoneInfo } from '../zone/zone-list.js';
import { askZoneServers, type ZoneServerAnswers } from '../zone/zone-members.js';
import type { ZoneView } from '../zone/zone-document.js';
import type { OneApi } from '../rpc/index.js';

export interface ZoneMember {
  readonly id: number;
  readonly name: string;
  readonly endpoint: string;
}

export interface ZoneAccess {
  readonly zoneId: number;
  info(): Promise<ZoneView>;
  /** Every server's own Raft view, and the leader's. */
  servers(): Promise<ZoneServerAnswers>;
  /** The server of that name: in the pool, or among the leader's voters and learners. */
  member(name: string): Promise<ZoneMember | undefined>;
  /** one.zone.addserver; resolves with the new server's id. */
  addServer(server: { name: string; rpc: string }): Promise<number>;
  delServer(id: number, o: { force: boolean }): Promise<void>;
  resetServer(id: number): Promise<void>;
}

export function zoneAccess(api: OneApi, zoneId: number): ZoneAccess {
  const access: ZoneAccess = {
    zoneId,
    info: () => readZoneInfo(api, zoneId),
    servers: async () => askZoneServers(api, await readZoneInfo(api, zoneId)),
    async member(name) {
      const zone = await readZoneInfo(api, zoneId);
      const listed = zone.servers.find((s) => s.name === name);
      if (listed) return { id: Number(listed.id), name, endpoint: listed.endpoint };
      if (zone.servers.length === 0) return undefined;
      const leader = (await askZoneServers(api, zone)).leader?.answer.value;
      return [...(leader?.voters ?? []), ...(leader?.learners ?? [])].find((m) => m.name === name);
    },
    async addServer(server) {
      const template = serverAddTemplate({ name: server.name, rpc: server.rpc });
      await (await api.client()).callId('one.zone.addserver', zoneId, template);
      const added = await access.member(server.name);
      if (!added) {
        throw new OneKitError('ONE_API', `the zone does not list ${server.name} after server-add`, {
          field: 'name',
        });
      }
      return added.id;
    },
    async delServer(id, o) {
      const params = o.force ? [zoneId, id, true] : [zoneId, id];
      await (await api.client()).callId('one.zone.delserver', ...params);
    },
    async resetServer(id) {
      await (await api.client()).callId('one.zone.resetserver', zoneId, id);
    },
  };
  return access;
}
