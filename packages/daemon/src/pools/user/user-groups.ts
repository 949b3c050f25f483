// one.user.addgroup and one.user.delgroup: a secondary group gained or left, with oned's
// checks in its order (user, auth driver, group, then MANAGE on both) and its messages.
// The user and the group's member list change in one federated entry; a user who leaves a
// group it administered loses that role and its rules in the same entry.
import { actionFailed, noExists } from '../../api/failures.js';
import { requireAuthorized } from '../../authz/require-authorized.js';
import { readAclRules } from '../acl/acl-reader.js';
import { groupAuth } from '../group/group-access.js';
import { leaveGroupOps, membershipKeys } from '../group/group-admins.js';
import { readGroup } from '../group/group-reader.js';
import type { GroupRecord } from '../group/group-record.js';
import { updateGroupOp, withMember } from '../group/group-rows.js';
import { authDriverPolicy } from './auth-drivers.js';
import { commitFederated, type IdentityCall } from './identity-services.js';
import { userAuth } from './user-access.js';
import { readUser } from './user-reader.js';
import { sortedIds, type UserRecord } from './user-record.js';
import { updateUserOp } from './user-rows.js';

/** The user and the group once the caller may manage both. */
async function editableMembership(
  call: IdentityCall,
  uid: number,
  gid: number,
): Promise<{ user: UserRecord; group: GroupRecord }> {
  const { method, services } = call;
  const user = await readUser(services.db, uid);
  if (user === undefined) throw noExists(method, 'user', uid);
  if (authDriverPolicy(user.authDriver).driverManagedGroups) {
    throw actionFailed(
      method,
      `Groups cannot be manually managed for auth driver ${user.authDriver}`,
    );
  }
  const group = await readGroup(services.db, gid);
  if (group === undefined) throw noExists(method, 'group', gid);
  await requireAuthorized(
    call,
    [
      { right: 'MANAGE', object: userAuth(user) },
      { right: 'MANAGE', object: groupAuth(group) },
    ],
    'user',
  );
  return { user, group };
}

/** one.user.addgroup: group `gid` becomes one of user `uid`'s secondary groups. */
export function addUserGroup(call: IdentityCall, uid: number, gid: number): Promise<number> {
  return call.services.identityWrites.runFor(membershipKeys(uid, gid), async () => {
    const { user, group } = await editableMembership(call, uid, gid);
    if (user.groups.includes(gid)) throw actionFailed(call.method, 'User is already in this group');
    await commitFederated(call, [
      updateUserOp({ ...user, groups: sortedIds([...user.groups, gid]) }),
      updateGroupOp(withMember(group, uid, true)),
    ]);
    return uid;
  });
}

/** one.user.delgroup: user `uid` leaves its secondary group `gid`. */
export function deleteUserGroup(call: IdentityCall, uid: number, gid: number): Promise<number> {
  const { method, services } = call;
  return services.identityWrites.runFor(membershipKeys(uid, gid), async () => {
    const { user, group } = await editableMembership(call, uid, gid);
    if (user.gid === gid) throw actionFailed(method, 'Cannot remove user from the primary group');
    if (!user.groups.includes(gid)) throw actionFailed(method, 'User is not part of this group');
    await commitFederated(call, [
      updateUserOp({ ...user, groups: user.groups.filter((g) => g !== gid) }),
      ...leaveGroupOps(group, uid, await readAclRules(services.db)),
    ]);
    return uid;
  });
}
