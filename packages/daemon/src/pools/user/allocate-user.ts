// one.user.allocate: authorization first (CREATE USER, and MANAGE on every listed group
// other than the caller's own), then oned's checks with its messages (INTERNAL), then
// the user and its groups' member lists in one federated entry.
import { internalError, noExists } from '../../api/failures.js';
import type { AccessCheck } from '../../authz/acl-evaluate.js';
import { createAuth, requireAuthorized } from '../../authz/require-authorized.js';
import { isDuplicateKey } from '../../storage/index.js';
import { groupAuth } from '../group/group-access.js';
import { readGroup } from '../group/group-reader.js';
import { ONEADMIN_GID, USERS_GID, type GroupRecord } from '../group/group-record.js';
import { updateGroupOp, withMember } from '../group/group-rows.js';
import { authDriverPolicy, CORE_DRIVER } from './auth-drivers.js';
import { commitFederated, type IdentityCall } from './identity-services.js';
import { nameProblem, passwordProblem, USER_INVALID_NAME_CHARS } from './names.js';
import { newUser } from './new-user.js';
import { userIdByName } from './user-reader.js';
import { insertUserOp } from './user-rows.js';

export interface AllocateUserRequest {
  readonly name: string;
  readonly password: string;
  /** Empty for the core driver. */
  readonly driver: string;
  /** The first is the primary group; none means `users` (or the caller's group). */
  readonly groupIds: readonly number[];
}

const NO_VALID_GROUP = 'The array of groups needs to have at least a valid Group ID.';

export async function allocateUser(call: IdentityCall, req: AllocateUserRequest): Promise<number> {
  const { caller, method, services } = call;
  const checks: AccessCheck[] = [{ right: 'CREATE', object: createAuth('USER', caller) }];
  for (const gid of req.groupIds) {
    const group = await readGroup(services.db, gid);
    if (group === undefined) throw noExists(method, 'group', gid);
    if (gid !== caller.gid) checks.push({ right: 'MANAGE', object: groupAuth(group) });
  }
  await requireAuthorized(call, checks, 'user');

  const primary = req.groupIds[0] ?? (caller.gid === ONEADMIN_GID ? USERS_GID : caller.gid);
  const groupIds = [...new Set([primary, ...req.groupIds])];
  const driver = req.driver === '' ? CORE_DRIVER : req.driver;
  const refuse = (reason: string) => internalError(method, reason);
  if (authDriverPolicy(driver).passwordRequired) {
    const problem = passwordProblem(req.password, driver);
    if (problem) throw refuse(`${problem}.`);
  }
  const badName = nameProblem(req.name, USER_INVALID_NAME_CHARS);
  if (badName) throw refuse(`${badName}.`);

  // Allocations of other names into other groups run beside this one.
  const keys = [`user-name:${req.name}`, ...groupIds.map((gid) => `group:${gid}`)];
  return services.identityWrites.runFor(keys, async () => {
    const taken = await services.takenNames.holder('user_pool', req.name);
    if (taken !== undefined) throw refuse(`NAME is already taken by USER ${taken}.`);
    const groups: GroupRecord[] = [];
    for (const gid of groupIds) {
      const group = await readGroup(services.db, gid);
      if (group === undefined && gid === primary) throw refuse(NO_VALID_GROUP);
      if (group === undefined) {
        const listed = [...groupIds].sort((a, b) => a - b).join(',');
        throw refuse(`One or more of the groups ${listed} do not exist.`);
      }
      groups.push(group);
    }
    const { oid, control } = await services.oids.next('user_pool');
    const user = newUser({
      id: oid,
      name: req.name,
      password: req.password,
      driver,
      gid: primary,
      gname: groups[0]!.name,
      groups: groupIds,
      tokenPassword: services.randomSecret(),
    });
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
