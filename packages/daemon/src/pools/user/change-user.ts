// The methods that change one user: passwd, chauth, enable, update and chgrp, each with
// oned's authorization (MANAGE, or ADMIN for chauth and enable), checks and messages.
// Each runs as one read-modify-write section and commits one federated entry.
import { actionFailed, internalError, noExists, rpcApiError } from '../../api/failures.js';
import { callerIsAdmin, requireAuthorized } from '../../authz/require-authorized.js';
import { readAclRules } from '../acl/acl-reader.js';
import { groupAuth } from '../group/group-access.js';
import { leaveGroupOps } from '../group/group-admins.js';
import { readGroup } from '../group/group-reader.js';
import { ONEADMIN_GID, ONEADMIN_GROUP_NAME } from '../group/group-record.js';
import { updateGroupOp, withMember } from '../group/group-rows.js';
import { authDriverPolicy } from './auth-drivers.js';
import { authorizedUser } from './authorized-user.js';
import { commitFederated, type IdentityCall } from './identity-services.js';
import { passwordProblem, storedPassword } from './names.js';
import { updatedTemplate } from './template-update.js';
import { userAuth } from './user-access.js';
import { readUser } from './user-reader.js';
import { ONEADMIN_UID, sortedIds, type UserRecord } from './user-record.js';
import { updateUserOp } from './user-rows.js';

function store(call: IdentityCall, user: UserRecord) {
  return commitFederated(call, [updateUserOp(user)]);
}

/** Runs a section that reads and rewrites user `id` only (-1: the caller). */
function forUser<T>(call: IdentityCall, id: number, section: () => Promise<T>): Promise<T> {
  const uid = id < 0 ? call.caller.uid : id;
  return call.services.identityWrites.runFor([`user:${uid}`], section);
}

export function changePassword(call: IdentityCall, id: number, password: string): Promise<number> {
  return forUser(call, id, async () => {
    const user = await authorizedUser(call, id, 'MANAGE');
    if (!authDriverPolicy(user.authDriver).passwordChange && !callerIsAdmin(call.caller)) {
      throw actionFailed(call.method, `Password for driver ${user.authDriver} cannot be changed.`);
    }
    const problem = passwordProblem(password, user.authDriver);
    if (problem) throw actionFailed(call.method, problem);
    // A new password ends every session and login token.
    await store(call, {
      ...user,
      password: storedPassword(password, user.authDriver),
      loginTokens: [],
    });
    return id;
  });
}

export function changeAuthDriver(
  call: IdentityCall,
  id: number,
  driver: string,
  password: string,
): Promise<number> {
  return forUser(call, id, async () => {
    const user = await authorizedUser(call, id, 'ADMIN');
    let changed: UserRecord = { ...user, authDriver: driver };
    if (password !== '') {
      const problem = passwordProblem(password, driver);
      if (problem) throw actionFailed(call.method, problem);
      changed = { ...changed, password: storedPassword(password, driver), loginTokens: [] };
    }
    await store(call, changed);
    return id;
  });
}

export function enableUser(call: IdentityCall, id: number, enable: boolean): Promise<number> {
  return forUser(call, id, async () => {
    const user = await authorizedUser(call, id, 'ADMIN');
    if (id === ONEADMIN_UID) throw actionFailed(call.method, 'Cannot enable/disable oneadmin user');
    if (user.enabled !== enable) {
      await store(call, { ...user, enabled: enable });
    }
    return id;
  });
}

export function updateUserTemplate(
  call: IdentityCall,
  id: number,
  text: string,
  mode: number,
): Promise<number> {
  return forUser(call, id, async () => {
    const user = await authorizedUser(call, id, 'MANAGE');
    if (mode !== 0 && mode !== 1) throw rpcApiError(call.method, 'Wrong update type');
    const update = updatedTemplate(user.template, text, {
      append: mode === 1,
      keepRestricted: !callerIsAdmin(call.caller),
    });
    if (!update.ok) throw internalError(call.method, `Cannot update template. ${update.message}`);
    await store(call, { ...user, template: update.template });
    return id;
  });
}

/**
 * one.user.chgrp: the new group becomes the primary one. The user leaves the old primary
 * group unless the new one was already a secondary group (then the old one stays as a
 * secondary group, as in oned). Leaving a group ends an administrator's role in it.
 */
export function changeUserGroup(call: IdentityCall, id: number, gid: number): Promise<number> {
  const { method } = call;
  return call.services.identityWrites.run(async () => {
    if (gid < 0) throw rpcApiError(method, 'Wrong group ID');
    const user = await readUser(call.services.db, id);
    if (user === undefined) throw noExists(method, 'user', id);
    if (authDriverPolicy(user.authDriver).driverManagedGroups && !user.groups.includes(gid)) {
      throw rpcApiError(
        method,
        `Groups cannot be manually managed for auth driver ${user.authDriver}`,
      );
    }
    const group = await readGroup(call.services.db, gid);
    if (group === undefined) throw noExists(method, 'group', gid);
    if (id === ONEADMIN_UID) {
      throw internalError(
        method,
        `user [${ONEADMIN_UID}] ${user.name} cannot be moved outside of the group [${ONEADMIN_GID}] ${ONEADMIN_GROUP_NAME}`,
      );
    }
    await requireAuthorized(
      call,
      [
        { right: 'MANAGE', object: userAuth(user) },
        { right: 'USE', object: groupAuth(group) },
      ],
      'user',
    );
    if (user.gid === gid) return id;
    const wasMember = user.groups.includes(gid);
    const groups = wasMember
      ? user.groups
      : sortedIds([...user.groups.filter((g) => g !== user.gid), gid]);
    const ops = [
      updateUserOp({ ...user, gid, gname: group.name, groups }),
      updateGroupOp(withMember(group, id, true)),
    ];
    if (!wasMember) {
      const old = await readGroup(call.services.db, user.gid);
      const rules = await readAclRules(call.services.db);
      if (old !== undefined) ops.push(...leaveGroupOps(old, id, rules));
    }
    await commitFederated(call, ops);
    return id;
  });
}
