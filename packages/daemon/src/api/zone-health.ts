// OneKit's own zone methods, beside oned's, for `onezone show` warnings, `onezone health`
// and `onezone check`. All need ADMIN on the local zone, as one.zone.raftstatus does. Their
// answers are XML-RPC structs (no XML document, so nothing to validate against a schema).
//   onekit.zone.progress   this server's Raft view; followers' progress on the leader
//   onekit.zone.probe      commits a small write; answers its index (leader; forwarded)
//   onekit.zone.statecheck commits a state check entry; answers its index (leader)
//   onekit.zone.statehash  the last state check this server applied: INDEX and HASH
import type { XmlRpcInput } from '@onekit/core';
import { readStateCheck } from '../state-check/index.js';
import type { ZoneMember } from '../pools/zone/index.js';
import { permissionsFromOctal } from '../authz/permissions.js';
import { requireAuthorized } from '../authz/require-authorized.js';
import { actionFailed } from './failures.js';
import type { MethodCallContext, MethodSpec } from './method.js';
import type { DaemonServices } from './services.js';
import { ServerChangeRefused } from './zone-server-control.js';

export type ZoneHealthServices = Pick<
  DaemonServices,
  'db' | 'authorizer' | 'localZone' | 'servers'
>;

type Call = MethodCallContext<ZoneHealthServices>;

async function authorizeZoneAdmin(call: Call): Promise<void> {
  const id = call.services.localZone.id;
  await requireAuthorized(
    call,
    [
      {
        right: 'ADMIN',
        object: { type: 'ZONE', oid: id, uid: 0, gid: 0, permissions: permissionsFromOctal(0o400) },
      },
    ],
    'zone',
  );
}

const member = (m: ZoneMember): XmlRpcInput => ({ ID: m.id, NAME: m.name, ENDPOINT: m.endpoint });

const progress: MethodSpec<ZoneHealthServices> = {
  name: 'onekit.zone.progress',
  params: [],
  leaderOnly: false,
  allowedWhenDisabled: true,
  async handler(call) {
    await authorizeZoneAdmin(call);
    const p = await call.services.servers.progress();
    return {
      SERVER_ID: p.serverId,
      STATE: p.state,
      TERM: p.term,
      LEADER: p.leader,
      COMMIT: p.commit,
      APPLIED: p.applied,
      FIRST_INDEX: p.firstIndex,
      LAST_INDEX: p.lastIndex,
      VOTERS: p.voters.map(member),
      LEARNERS: p.learners.map(member),
      FOLLOWERS: p.followers.map((f) => ({
        ID: f.id,
        MATCH: f.match,
        NEXT: f.next,
        REPLICATION: f.replication,
        ACTIVE: f.active,
      })),
    };
  },
};

async function committed(call: Call, run: () => Promise<bigint>): Promise<XmlRpcInput> {
  await authorizeZoneAdmin(call);
  try {
    return await run();
  } catch (err) {
    if (err instanceof ServerChangeRefused) throw actionFailed(call.method, err.message);
    throw err;
  }
}

const probe: MethodSpec<ZoneHealthServices> = {
  name: 'onekit.zone.probe',
  params: [],
  handler: (call) => committed(call, () => call.services.servers.probe()),
};

const stateCheck: MethodSpec<ZoneHealthServices> = {
  name: 'onekit.zone.statecheck',
  params: [],
  allowedWhenDisabled: true,
  handler: (call) => committed(call, () => call.services.servers.startCheck()),
};

const stateHash: MethodSpec<ZoneHealthServices> = {
  name: 'onekit.zone.statehash',
  params: [],
  leaderOnly: false,
  allowedWhenDisabled: true,
  async handler(call) {
    await authorizeZoneAdmin(call);
    const check = await readStateCheck(call.services.db);
    return { INDEX: check?.index ?? -1n, HASH: check?.hash ?? '' };
  },
};

export const zoneHealthMethods: readonly MethodSpec<ZoneHealthServices>[] = [
  progress,
  probe,
  stateCheck,
  stateHash,
];
