// one.zone.* and one.zonepool.info (reference §2.2), with oned's parameters, checks,
// messages and authorization: info USE, update and rename MANAGE, allocate CREATE,
// delete, enable and raftstatus ADMIN. addserver/delserver/resetserver belong to HA.
import type { Right } from '@onekit/core';
import type { AccessCheck, ObjectAuth } from '../authz/acl-evaluate.js';
import { permissionsFromOctal } from '../authz/permissions.js';
import { createAuth, poolAuth, requireAuthorized } from '../authz/require-authorized.js';
import {
  FIRST_USER_ZONE_ID,
  deleteZoneWrite,
  insertZoneWrite,
  listZones,
  objectNameProblem,
  parseZoneTemplate,
  prepareNewZone,
  readZone,
  updateZoneWrite,
  updatedZoneTemplate,
  zoneIdByName,
  zonePoolXml,
  zoneStates,
  zoneXml,
  type UpdateMode,
  type Zone,
} from '../pools/zone/index.js';
import { isDuplicateKey, type WriteOp } from '../storage/index.js';
import { actionFailed, allocateFailed, internalError, noExists, rpcApiError } from './failures.js';
import type { MethodCallContext, MethodSpec } from './method.js';
import { raftStatusXml } from './raft-status.js';
import type { DaemonServices } from './services.js';

export type ZoneServices = Pick<
  DaemonServices,
  'db' | 'committer' | 'config' | 'oids' | 'authorizer' | 'localZone' | 'raft' | 'zoneWrites'
>;

type Call = MethodCallContext<ZoneServices>;

const OBJECT = 'zone';

/** Zones belong to oneadmin, owner USE only (oned's defaults for objects it creates). */
function zoneAuth(id: number): ObjectAuth {
  return { type: 'ZONE', oid: id, uid: 0, gid: 0, permissions: permissionsFromOctal(0o400) };
}

function authorize(call: Call, check: AccessCheck): Promise<void> {
  return requireAuthorized(call, [check], OBJECT);
}

/** oned's basic_authorization: the object must exist (ids >= 0), then the right is checked. */
async function existingZone(call: Call, id: number, right: Right): Promise<Zone> {
  const zone = id >= 0 ? await readZone(call.services.db, id) : undefined;
  if (id >= 0 && zone === undefined) throw noExists(call.method, OBJECT, id);
  await authorize(call, {
    right,
    object: zone ? zoneAuth(id) : poolAuth('ZONE'),
    ignoreLock: right === 'USE',
  });
  if (zone === undefined) throw noExists(call.method, OBJECT, id);
  return zone;
}

function commitZone(call: Call, ops: readonly WriteOp[]): Promise<{ index: bigint }> {
  return call.services.committer.commit(ops, { federated: true });
}

async function nameTaken(call: Call, name: string): Promise<number | undefined> {
  return zoneIdByName(call.services.db, name);
}

const allocate: MethodSpec<ZoneServices> = {
  name: 'one.zone.allocate',
  params: ['string'],
  federated: true,
  async handler(call) {
    const { services } = call;
    if (services.config.federation.mode !== 'MASTER') {
      throw allocateFailed(
        call.method,
        OBJECT,
        'New zones can only be created at federation master',
      );
    }
    const parsed = parseZoneTemplate(call.params[0] as string);
    if (!parsed.ok) throw internalError(call.method, parsed.message);
    await authorize(call, { right: 'CREATE', object: createAuth('ZONE', call.caller) });
    const prepared = prepareNewZone(parsed.value);
    if (!prepared.ok) throw internalError(call.method, prepared.message);
    const { name, template } = prepared.value;
    return services.zoneWrites.run(async () => {
      const taken = await nameTaken(call, name);
      if (taken !== undefined)
        throw internalError(call.method, `NAME is already taken by Zone ${taken}.`);
      try {
        const { oid, control } = await services.oids.next('zone_pool');
        const zone = { id: oid, name, state: zoneStates.ENABLED, template, servers: [] };
        await commitZone(call, [insertZoneWrite(zone), control]);
        return oid;
      } catch (err) {
        const holder = isDuplicateKey(err) ? await nameTaken(call, name) : undefined;
        if (holder !== undefined)
          throw internalError(call.method, `NAME is already taken by Zone ${holder}.`);
        throw err;
      }
    });
  },
};

/** ACL rules about the zone as a resource (`ZONE/#id`) and rules scoped to it (zone `#id`). */
function zoneAclWrites(id: number): WriteOp[] {
  const INDIVIDUAL = 0x100000000n;
  const ZONE = 0x0000800000000000n;
  return [
    { op: 'delete', table: 'acl', where: { resource: ZONE | INDIVIDUAL | BigInt(id) } },
    { op: 'delete', table: 'acl', where: { zone: INDIVIDUAL | BigInt(id) } },
  ];
}

const remove: MethodSpec<ZoneServices> = {
  name: 'one.zone.delete',
  params: ['int'],
  federated: true,
  async handler(call) {
    const id = call.params[0] as number;
    return call.services.zoneWrites.run(async () => {
      await existingZone(call, id, 'ADMIN');
      if (id < FIRST_USER_ZONE_ID) {
        throw actionFailed(
          call.method,
          'Cannot delete zone. System Zones (ID < 100) cannot be deleted.',
        );
      }
      await commitZone(call, [deleteZoneWrite(id), ...zoneAclWrites(id)]);
      return id;
    });
  },
};

const update: MethodSpec<ZoneServices> = {
  name: 'one.zone.update',
  params: ['int', 'string', 'int'],
  optionalFrom: 2,
  federated: true,
  async handler(call) {
    const [id, text, mode = 0] = call.params as [number, string, number?];
    return call.services.zoneWrites.run(async () => {
      const zone = await existingZone(call, id, 'MANAGE');
      if (mode !== 0 && mode !== 1) throw rpcApiError(call.method, 'Wrong update type');
      const parsed = parseZoneTemplate(text);
      if (!parsed.ok) throw internalError(call.method, `Cannot update template. ${parsed.message}`);
      const template = updatedZoneTemplate(zone.template, parsed.value, mode as UpdateMode);
      await commitZone(call, [updateZoneWrite({ ...zone, template })]);
      return id;
    });
  },
};

const rename: MethodSpec<ZoneServices> = {
  name: 'one.zone.rename',
  params: ['int', 'string'],
  federated: true,
  async handler(call) {
    const [id, name] = call.params as [number, string];
    return call.services.zoneWrites.run(async () => {
      const zone = await readZone(call.services.db, id);
      if (zone === undefined) throw noExists(call.method, OBJECT, id);
      if (zone.name === name) return id;
      await authorize(call, { right: 'MANAGE', object: zoneAuth(id) });
      const holder = await nameTaken(call, name);
      if (holder !== undefined) {
        throw actionFailed(
          call.method,
          `zone cannot be renamed to ${name} because it collides with zone ${holder}`,
        );
      }
      const problem = objectNameProblem(name);
      if (problem !== undefined) throw actionFailed(call.method, problem);
      await commitZone(call, [updateZoneWrite({ ...zone, name })]);
      return id;
    });
  },
};

const info: MethodSpec<ZoneServices> = {
  name: 'one.zone.info',
  params: ['int', 'boolean'],
  optionalFrom: 1,
  leaderOnly: false,
  allowedWhenDisabled: true,
  async handler(call) {
    return zoneXml(await existingZone(call, call.params[0] as number, 'USE'));
  },
};

const poolInfo: MethodSpec<ZoneServices> = {
  name: 'one.zonepool.info',
  params: [],
  leaderOnly: false,
  allowedWhenDisabled: true,
  async handler(call) {
    const { services } = call;
    const descending = services.config.template.get('API_LIST_ORDER')?.toUpperCase() === 'DESC';
    const visible: Zone[] = [];
    for (const zone of await listZones(services.db, { descending })) {
      const check: AccessCheck = { right: 'USE', object: zoneAuth(zone.id), ignoreLock: true };
      if ((await services.authorizer.authorize(call.caller, [check])).allowed) visible.push(zone);
    }
    return zonePoolXml(visible);
  },
};

const enable: MethodSpec<ZoneServices> = {
  name: 'one.zone.enable',
  params: ['int', 'boolean'],
  allowedWhenDisabled: true,
  async handler(call) {
    const [id, enabled] = call.params as [number, boolean];
    const { localZone } = call.services;
    if (id !== localZone.id) {
      throw actionFailed(
        call.method,
        'Enable/disable mode have to be set through the target zone endpoints',
      );
    }
    return call.services.zoneWrites.run(async () => {
      const zone = await existingZone(call, id, 'ADMIN');
      const state = enabled ? zoneStates.ENABLED : zoneStates.DISABLED;
      await commitZone(call, [updateZoneWrite({ ...zone, state })]);
      localZone.state = state;
      return id;
    });
  },
};

const raftStatus: MethodSpec<ZoneServices> = {
  name: 'one.zone.raftstatus',
  params: [],
  leaderOnly: false,
  allowedWhenDisabled: true,
  async handler(call) {
    await existingZone(call, call.services.localZone.id, 'ADMIN');
    return raftStatusXml(await call.services.raft.status());
  },
};

export const zoneMethods: readonly MethodSpec<ZoneServices>[] = [
  allocate,
  remove,
  update,
  rename,
  info,
  poolInfo,
  enable,
  raftStatus,
];
