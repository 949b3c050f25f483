// Every user's groups exist: a primary group that is gone is replaced by `users` (oned's
// default group), a secondary group that is gone is dropped; the primary group is always
// one of GROUPS, and GNAME is the primary group's name.
import { ONEADMIN_GID, USERS_GID } from '../pools/group/index.js';
import { sortedIds, type UserRecord } from '../pools/user/index.js';
import type { CheckContext } from './fsck-problem.js';

function fallbackGroup(ctx: CheckContext): number | undefined {
  const { groups } = ctx.model;
  if (groups.get(USERS_GID)) return USERS_GID;
  return groups.get(ONEADMIN_GID) ? ONEADMIN_GID : undefined;
}

export async function checkUserGroups(ctx: CheckContext): Promise<void> {
  const { users, groups } = ctx.model;
  for (const original of [...users.records.values()]) {
    let user: UserRecord = original;
    const report = (message: string, fixable = true) =>
      ctx.report({
        table: 'user_pool',
        id: user.id,
        message: `User ${user.id} ${message}`,
        fixable,
      });
    if (!groups.exists(user.gid)) {
      const gid = fallbackGroup(ctx);
      report(`has primary group ${user.gid}, which does not exist`, gid !== undefined);
      if (gid === undefined) continue;
      user = {
        ...user,
        gid,
        groups: sortedIds([...user.groups.filter((g) => g !== user.gid), gid]),
      };
    }
    for (const gid of user.groups) {
      if (groups.exists(gid)) continue;
      report(`is in group ${gid}, which does not exist`);
      user = { ...user, groups: user.groups.filter((g) => g !== gid) };
    }
    if (!user.groups.includes(user.gid)) {
      report(`has primary group ${user.gid} missing from its GROUPS`);
      user = { ...user, groups: sortedIds([...user.groups, user.gid]) };
    }
    const primary = groups.get(user.gid);
    if (primary && primary.name !== user.gname) {
      report(`has GNAME '${user.gname}', but group ${user.gid} is called '${primary.name}'`);
      user = { ...user, gname: primary.name };
    }
    if (user !== original) users.set(user.id, user);
  }
}
