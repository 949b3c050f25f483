// A group's member list and its members' GROUPS say the same thing. The users' GROUPS
// decide (they are what authorization reads); administrators must be members.
import type { GroupRecord } from '../pools/group/index.js';
import { sortedIds } from '../pools/user/index.js';
import type { CheckContext } from './fsck-problem.js';

export async function checkGroupMembers(ctx: CheckContext): Promise<void> {
  const { users, groups } = ctx.model;
  const members = new Map<number, number[]>();
  for (const user of users.records.values()) {
    for (const gid of user.groups) members.set(gid, [...(members.get(gid) ?? []), user.id]);
  }
  for (const original of [...groups.records.values()]) {
    let group: GroupRecord = original;
    const report = (message: string) =>
      ctx.report({
        table: 'group_pool',
        id: group.id,
        message: `Group ${group.id} ${message}`,
        fixable: true,
      });
    const listed = new Set(group.users);
    for (const uid of members.get(group.id) ?? []) {
      if (listed.has(uid)) continue;
      report(`is missing user ${uid} in its member list`);
      group = { ...group, users: sortedIds([...group.users, uid]) };
    }
    for (const uid of group.users) {
      // A user whose body does not parse keeps its place: its GROUPS cannot be read.
      if (users.unreadable.has(uid)) continue;
      const user = users.get(uid);
      if (user?.groups.includes(group.id)) continue;
      report(
        user
          ? `lists user ${uid} as a member, but the user is not in the group`
          : `lists user ${uid} as a member, but the user does not exist`,
      );
      group = { ...group, users: group.users.filter((u) => u !== uid) };
    }
    for (const uid of group.admins) {
      if (group.users.includes(uid)) continue;
      report(`lists user ${uid} as an administrator, but not as a member`);
      group = { ...group, admins: group.admins.filter((a) => a !== uid) };
    }
    if (group !== original) groups.set(group.id, group);
  }
}
