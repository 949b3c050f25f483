// onekit.user.import: recreates a user of another zone on the federation master as that
// zone stored it: its password already in stored form (a core user's SHA-256 hex), its
// driver, enabled flag, groups and template (TOKEN_PASSWORD kept, so the OneGate tokens of
// its VMs stay valid). oned has no call that sets a stored password, so `onezone fed-join
// --import` needs this one; only oneadmin may call it. Like one.user.allocate, it is one
// federated entry: the user, the pool counter and its groups' member lists.
import { isOneKitError, parseTemplateOrXml, type Template } from '@onekit/core';
import { internalError, noExists, notAuthorized } from '../../api/failures.js';
import { isDuplicateKey } from '../../storage/index.js';
import { readGroup } from '../group/group-reader.js';
import type { GroupRecord } from '../group/group-record.js';
import { updateGroupOp, withMember } from '../group/group-rows.js';
import { CORE_DRIVER } from './auth-drivers.js';
import { commitFederated, type IdentityCall } from './identity-services.js';
import { nameProblem, USER_INVALID_NAME_CHARS } from './names.js';
import { userIdByName } from './user-reader.js';
import { ONEADMIN_UID, sortedIds, type UserRecord } from './user-record.js';
import { insertUserOp } from './user-rows.js';

export interface ImportUserRequest {
  readonly name: string;
  /** As the user's zone stored it (a core user: hex SHA-256, or SHA-1 from older zones). */
  readonly password: string;
  /** Empty for the core driver. */
  readonly driver: string;
  readonly enabled: boolean;
  /** Template text or TEMPLATE XML. */
  readonly template: string;
  /** The first is the primary group. */
  readonly groupIds: readonly number[];
}

const STORED_CORE_PASSWORD = /^(?:[0-9a-f]{64}|[0-9a-f]{40})$/;

function templateOf(call: IdentityCall, text: string): Template {
  try {
    return parseTemplateOrXml(text);
  } catch (err) {
    if (!isOneKitError(err)) throw err;
    throw internalError(call.method, `Cannot parse the template: ${err.message}`);
  }
}

export async function importUser(call: IdentityCall, req: ImportUserRequest): Promise<number> {
  const { caller, method, services } = call;
  if (caller.uid !== ONEADMIN_UID) {
    throw notAuthorized(method, {
      uid: caller.uid,
      object: 'USER',
      reason: 'only oneadmin may import users',
    });
  }
  const refuse = (reason: string) => internalError(method, reason);
  const badName = nameProblem(req.name, USER_INVALID_NAME_CHARS);
  if (badName) throw refuse(`${badName}.`);
  const driver = req.driver === '' ? CORE_DRIVER : req.driver;
  if (driver === CORE_DRIVER && !STORED_CORE_PASSWORD.test(req.password)) {
    throw refuse('PASSWORD must be the stored SHA-256 (or SHA-1) hex digest of a core user.');
  }
  const [primary] = req.groupIds;
  if (primary === undefined) throw refuse('The array of groups needs a primary Group ID.');
  const groupIds = [...new Set(req.groupIds)];
  const template = templateOf(call, req.template);
  if (template.get('TOKEN_PASSWORD') === undefined) {
    template.addSingle('TOKEN_PASSWORD', services.randomSecret());
  }

  const keys = [`user-name:${req.name}`, ...groupIds.map((gid) => `group:${gid}`)];
  return services.identityWrites.runFor(keys, async () => {
    const taken = await services.takenNames.holder('user_pool', req.name);
    if (taken !== undefined) throw refuse(`NAME is already taken by USER ${taken}.`);
    const groups: GroupRecord[] = [];
    for (const gid of groupIds) {
      const group = await readGroup(services.db, gid);
      if (group === undefined) throw noExists(method, 'group', gid);
      groups.push(group);
    }
    const { oid, control } = await services.oids.next('user_pool');
    const user: UserRecord = {
      id: oid,
      name: req.name,
      gid: primary,
      gname: groups[0]!.name,
      groups: sortedIds(groupIds),
      password: req.password,
      authDriver: driver,
      enabled: req.enabled,
      loginTokens: [],
      template,
    };
    try {
      await commitFederated(call, [
        insertUserOp(user),
        control,
        ...groups.map((g) => updateGroupOp(withMember(g, oid, true))),
      ]);
    } catch (err) {
      const holder = isDuplicateKey(err) ? await userIdByName(services.db, req.name) : undefined;
      if (holder !== undefined) throw refuse(`NAME is already taken by USER ${holder}.`);
      throw err;
    }
    return oid;
  });
}
