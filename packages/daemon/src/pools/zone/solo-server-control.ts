// The zone servers of a solo server (SERVER_ID -1): SERVER_POOL is written directly, as
// oned does before the zone runs Raft (the HA procedure adds the first server this way).
import { ServerChangeRefused, type ZoneServerControl } from '../../api/zone-server-control.js';
import type { StorageReader } from '../../storage/index.js';
import type { Committer } from '../../write-path/index.js';
import { healthProbeWrite } from './health-probe.js';
import { readZone, updateZoneWrite } from './zone-store.js';
import { nextServerId, withServer, withoutServer, zoneMembers } from './zone-servers.js';

export interface SoloServerControlOptions {
  readonly db: StorageReader;
  readonly committer: Committer;
  readonly zoneId: number;
  readonly zoneWrites: { run<T>(section: () => Promise<T>): Promise<T> };
  readonly log: {
    readonly lastIndex: bigint;
    readonly lastApplied: bigint;
    readonly hardState: { term: number };
  };
  readonly clock: () => number;
  readonly checks: { commitCheck(): Promise<{ index: bigint }> };
}

export function soloServerControl(o: SoloServerControlOptions): ZoneServerControl {
  const zone = async () => {
    const found = await readZone(o.db, o.zoneId);
    if (found === undefined) throw new ServerChangeRefused(`zone ${o.zoneId} does not exist`);
    return found;
  };
  return {
    add: (server) =>
      o.zoneWrites.run(async () => {
        const current = await zone();
        const id = nextServerId(current);
        const write = updateZoneWrite(withServer(current, { id, ...server }));
        await o.committer.commit([write], { federated: true });
        return id;
      }),
    remove: (id) =>
      o.zoneWrites.run(async () => {
        const current = await zone();
        if (!zoneMembers(current).some((m) => m.id === id)) {
          throw new ServerChangeRefused('SERVER not found in zone');
        }
        await o.committer.commit([updateZoneWrite(withoutServer(current, id))], {
          federated: true,
        });
      }),
    async reset() {},
    async servers() {
      return { voters: zoneMembers(await zone()), learners: [] };
    },
    async progress() {
      const { lastIndex, lastApplied, hardState } = o.log;
      return {
        serverId: -1,
        state: 0,
        term: hardState.term,
        leader: -1,
        commit: lastApplied,
        applied: lastApplied,
        firstIndex: 1n,
        lastIndex,
        voters: zoneMembers(await zone()),
        learners: [],
        followers: [],
      };
    },
    async probe() {
      return (await o.committer.commit([healthProbeWrite(o.clock())], { federated: false })).index;
    },
    async startCheck() {
      // One server: the state is checked against nothing else; the hash is still recorded.
      return (await o.checks.commitCheck()).index;
    },
  };
}
