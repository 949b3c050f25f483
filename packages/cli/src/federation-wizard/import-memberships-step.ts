// The import step that carries the zone's memberships over that onekit.user.import does
// not: a merged user's zone groups (one.user.addgroup) and each recreated or merged group's
// administrators (one.group.addadmin, which adds their ACL rules too). It reads the
// master's state first and adds only what is missing, so a resumed run converges. An
// administrator who is no member on the master (a system user) is named, not added.
import type { Identities, ObjectImport } from '@onekit/daemon';
import type { PlanStep, StepContext } from '../plan/index.js';
import type { IdentityAccess } from './import-access.js';
import { importedMemberships } from './import-mapping.js';

export interface MembershipsStepOptions {
  readonly name: string;
  readonly host: string;
  readonly identities: IdentityAccess;
  readonly existing: (ctx: StepContext) => Promise<Identities>;
  /** The zone's users and groups with their master ids. */
  readonly mapped: (ctx: StepContext) => {
    users: readonly ObjectImport[];
    groups: readonly ObjectImport[];
  };
}

/** Reads each key's list once. */
function cached<T>(read: (key: number) => Promise<T>): (key: number) => Promise<T> {
  const lists = new Map<number, Promise<T>>();
  return (key) => {
    if (!lists.has(key)) lists.set(key, read(key));
    return lists.get(key)!;
  };
}

export function membershipsStep(o: MembershipsStepOptions): PlanStep {
  const access = o.identities;
  return {
    name: o.name,
    title: "Give merged users the zone's groups, and groups their zone administrators",
    host: o.host,
    async run(ctx) {
      const wanted = importedMemberships(await o.existing(ctx), o.mapped(ctx));
      const groupsOf = cached((uid) => access.userGroups(uid));
      let groupsAdded = 0;
      for (const { uid, gid } of wanted.groups) {
        if ((await groupsOf(uid)).includes(gid)) continue;
        await access.addUserGroup(uid, gid);
        groupsAdded++;
      }
      // Read after the groups above: a merged administrator is a member by now.
      const membersOf = cached((gid) => access.groupMembers(gid));
      let adminsAdded = 0;
      const notMembers: string[] = [];
      for (const { uid, gid } of wanted.admins) {
        const { users, admins } = await membersOf(gid);
        if (admins.includes(uid)) continue;
        // A system user keeps the master's groups, so it cannot administer a zone group.
        if (!users.includes(uid)) {
          notMembers.push(`user ${uid} in group ${gid}`);
          continue;
        }
        await access.addGroupAdmin(gid, uid);
        adminsAdded++;
      }
      return { values: { groupsAdded, adminsAdded, notMembers: notMembers.join(', ') } };
    },
  };
}
