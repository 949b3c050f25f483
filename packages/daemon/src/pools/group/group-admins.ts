// one.group.addadmin and one.group.deladmin: ADMIN on the group and on the user, then the
// group's ADMINS and the administrator's ACL rules change in one federated entry. A user
// who leaves a group stops being its administrator the same way (leaveGroupOps).
import type { AclRule } from '@onekit/core';
import { internalError, noExists } from '../../api/failures.js';
import { requireAuthorized } from '../../authz/require-authorized.js';
import type { WriteOp } from '../../storage/index.js';
import { insertAclRuleOp } from '../acl/acl-rows.js';
import { readAclRules } from '../acl/acl-reader.js';
import { commitFederated, type IdentityCall } from '../user/identity-services.js';
import { userAuth } from '../user/user-access.js';
import { readUser } from '../user/user-reader.js';
import { sortedIds } from '../user/user-record.js';
import { deleteAdminRulesOps, missingAdminRules } from './group-admin-rules.js';
import { groupAuth } from './group-access.js';
import { readGroup } from './group-reader.js';
import type { GroupRecord } from './group-record.js';
import { updateGroupOp, withMember } from './group-rows.js';

/** The read-modify-write keys of a change to one user's place in one group. */
export function membershipKeys(uid: number, gid: number): string[] {
  // Administrator rules are written too: `acl` keeps two such changes from racing on them.
  return [`user:${uid}`, `group:${gid}`, 'acl'];
}

/** The writes for `uid` leaving `group`: its member list and, for an administrator, its rules. */
export function leaveGroupOps(
  group: GroupRecord,
  uid: number,
  rules: readonly AclRule[],
): WriteOp[] {
  const ops = [updateGroupOp(withMember(group, uid, false))];
  if (group.admins.includes(uid)) ops.push(...deleteAdminRulesOps(rules, uid, group.id));
  return ops;
}

type AdminChange = 'add' | 'delete';

function changeAdmin(
  call: IdentityCall,
  ids: { gid: number; uid: number },
  change: AdminChange,
): Promise<number> {
  const { method, services } = call;
  const { gid, uid } = ids;
  return services.identityWrites.runFor(membershipKeys(uid, gid), async () => {
    const group = await readGroup(services.db, gid);
    if (group === undefined) throw noExists(method, 'group', gid);
    const user = await readUser(services.db, uid);
    if (user === undefined) throw noExists(method, 'user', uid);
    await requireAuthorized(
      call,
      [
        { right: 'ADMIN', object: groupAuth(group) },
        { right: 'ADMIN', object: userAuth(user) },
      ],
      'group',
    );
    const refuse = (reason: string) => internalError(method, `Cannot edit group. ${reason}`);
    const rules = await readAclRules(services.db);
    const isAdmin = group.admins.includes(uid);
    if (change === 'delete') {
      if (!isAdmin) throw refuse(`User ${uid} is not an administrator of Group ${gid}.`);
      await commitFederated(call, [
        updateGroupOp({ ...group, admins: group.admins.filter((a) => a !== uid) }),
        ...deleteAdminRulesOps(rules, uid, gid),
      ]);
      return gid;
    }
    if (!group.users.includes(uid)) throw refuse(`User ${uid} is not part of Group ${gid}.`);
    if (isAdmin) throw refuse(`User ${uid} is already an administrator of Group ${gid}.`);
    const ops: WriteOp[] = [updateGroupOp({ ...group, admins: sortedIds([...group.admins, uid]) })];
    let control: WriteOp | undefined;
    for (const masks of missingAdminRules(rules, uid, gid)) {
      const next = await services.oids.next('acl');
      ops.push(insertAclRuleOp({ id: next.oid, ...masks }));
      control = next.control;
    }
    await commitFederated(call, control === undefined ? ops : [...ops, control]);
    return gid;
  });
}

/** one.group.addadmin: `uid`, a member of group `gid`, becomes one of its administrators. */
export function addGroupAdmin(call: IdentityCall, gid: number, uid: number): Promise<number> {
  return changeAdmin(call, { gid, uid }, 'add');
}

/** one.group.deladmin: `uid` stays a member of group `gid`, no longer its administrator. */
export function deleteGroupAdmin(call: IdentityCall, gid: number, uid: number): Promise<number> {
  return changeAdmin(call, { gid, uid }, 'delete');
}
