// one.zone.addserver, delserver and resetserver (reference §2.2): only through the target
// zone's own endpoint, ADMIN on the zone. OneKit adds an optional third parameter to
// delserver: force a removal that would leave the zone without a quorum.
import type { AccessCheck } from '../authz/acl-evaluate.js';
import { permissionsFromOctal } from '../authz/permissions.js';
import { requireAuthorized } from '../authz/require-authorized.js';
import { parseZoneTemplate, readZone } from '../pools/zone/index.js';
import { actionFailed, noExists } from './failures.js';
import type { MethodCallContext, MethodSpec } from './method.js';
import type { DaemonServices } from './services.js';
import { ServerChangeRefused } from './zone-server-control.js';

export type ZoneServerServices = Pick<
  DaemonServices,
  'db' | 'authorizer' | 'localZone' | 'servers'
>;

type Call = MethodCallContext<ZoneServerServices>;

const TARGET_ZONE = 'Servers have to be added through the target zone endpoints';

/** The target-zone rule, then ADMIN on the zone (oned's order). */
async function authorizeLocalZone(call: Call, id: number, targetMessage: string): Promise<void> {
  if (id !== call.services.localZone.id) throw actionFailed(call.method, targetMessage);
  const zone = await readZone(call.services.db, id);
  if (zone === undefined) throw noExists(call.method, 'zone', id);
  const check: AccessCheck = {
    right: 'ADMIN',
    object: { type: 'ZONE', oid: id, uid: 0, gid: 0, permissions: permissionsFromOctal(0o400) },
  };
  await requireAuthorized(call, [check], 'zone');
}

async function acting<T>(call: Call, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof ServerChangeRefused) throw actionFailed(call.method, err.message);
    throw err;
  }
}

const addServer: MethodSpec<ZoneServerServices> = {
  name: 'one.zone.addserver',
  params: ['int', 'string'],
  async handler(call) {
    const [id, text] = call.params as [number, string];
    await authorizeLocalZone(call, id, TARGET_ZONE);
    const parsed = parseZoneTemplate(text);
    if (!parsed.ok) throw actionFailed(call.method, parsed.message);
    const server = parsed.value.getVector('SERVER');
    const value = (key: string) => server?.pairs.find((p) => p.key === key)?.value?.trim() ?? '';
    if (server === undefined) throw actionFailed(call.method, 'The template has no SERVER');
    const name = value('NAME');
    const endpoint = value('ENDPOINT');
    if (name === '' || endpoint === '') {
      throw actionFailed(call.method, 'SERVER needs a NAME and an ENDPOINT');
    }
    await acting(call, () => call.services.servers.add({ name, endpoint }));
    return id;
  },
};

const delServer: MethodSpec<ZoneServerServices> = {
  name: 'one.zone.delserver',
  params: ['int', 'int', 'boolean'],
  optionalFrom: 2,
  async handler(call) {
    const [id, serverId, force = false] = call.params as [number, number, boolean?];
    await authorizeLocalZone(
      call,
      id,
      'Servers have to be deleted through the target zone endpoints',
    );
    await acting(call, () => call.services.servers.remove(serverId, { force }));
    return id;
  },
};

const resetServer: MethodSpec<ZoneServerServices> = {
  name: 'one.zone.resetserver',
  params: ['int', 'int'],
  async handler(call) {
    const [id, serverId] = call.params as [number, number];
    // oned's message here says "deleted" too.
    await authorizeLocalZone(
      call,
      id,
      'Servers have to be deleted through the target zone endpoints',
    );
    await acting(call, () => call.services.servers.reset(serverId));
    return id;
  },
};

export const zoneServerMethods: readonly MethodSpec<ZoneServerServices>[] = [
  addServer,
  delServer,
  resetServer,
];
