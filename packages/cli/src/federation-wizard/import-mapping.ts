// What each of an imported zone's users and groups becomes on the master, decided once and
// recorded in the run record before anything is created: a resumed run then recreates the
// same names and never renames a user it created itself to name-1. Pure.
import type { Identities, ImportAction, ObjectImport } from '@onekit/daemon';
import { planImport } from '@onekit/daemon';
import type { NamedObject } from '../resource-ids/index.js';

/** One user or group: its master id is known for system and merged ones (-1 until created). */
export type PlannedObject = {
  readonly slaveId: number;
  readonly slaveName: string;
  readonly name: string;
  readonly action: ImportAction;
  readonly id: number;
};

export type ImportMapping = {
  readonly users: readonly PlannedObject[];
  readonly groups: readonly PlannedObject[];
};

const created = (action: ImportAction) => action === 'new' || action === 'renamed';

export function planMapping(o: {
  existing: Pick<Identities, 'users' | 'groups'>;
  master: { users: readonly NamedObject[]; groups: readonly NamedObject[] };
  mergeUsers: boolean;
  mergeGroups: boolean;
}): ImportMapping {
  const plan = planImport({
    master: { users: o.master.users, groups: o.master.groups, lastUserId: 0, lastGroupId: 0 },
    slave: { users: o.existing.users, groups: o.existing.groups },
    mergeUsers: o.mergeUsers,
    mergeGroups: o.mergeGroups,
  });
  const planned = (p: ObjectImport): PlannedObject => ({
    slaveId: p.slaveId,
    slaveName: p.slaveName,
    name: p.name,
    action: p.action,
    id: created(p.action) ? -1 : p.id,
  });
  return { users: plan.users.map(planned), groups: plan.groups.map(planned) };
}

const STORED_CORE_PASSWORD = /^(?:[0-9a-f]{64}|[0-9a-f]{40})$/;

/** Why the master would refuse users the mapping creates (before anything is created). */
export function importProblems(
  existing: Pick<Identities, 'users'>,
  mapping: ImportMapping,
): string[] {
  const byId = new Map(existing.users.map((u) => [u.id, u]));
  return mapping.users
    .filter((u) => created(u.action))
    .flatMap((u) => {
      const user = byId.get(u.slaveId)!;
      const core = user.authDriver === 'core' || user.authDriver === '';
      return core && !STORED_CORE_PASSWORD.test(user.password)
        ? [`user ${u.slaveId} ${u.slaveName}: its core password is not a stored SHA-256 digest`]
        : [];
    });
}

/** The mapping with every id known, given the ids recorded as objects were created. */
export function resolvedObjects(
  planned: readonly PlannedObject[],
  ids: Readonly<Record<string, number>>,
): ObjectImport[] {
  return planned.map((p) => ({
    slaveId: p.slaveId,
    slaveName: p.slaveName,
    name: p.name,
    action: p.action,
    id: created(p.action) ? ids[String(p.slaveId)]! : p.id,
  }));
}

export function isCreated(p: PlannedObject): boolean {
  return created(p.action);
}

/** A user's place in a group on the master, by master ids. */
export interface Membership {
  readonly uid: number;
  readonly gid: number;
}

export interface ImportedMemberships {
  /** The zone groups a merged user had (mapped), which the master must give it too. */
  readonly groups: readonly Membership[];
  /** The zone administrators (mapped) of each recreated or merged group. */
  readonly admins: readonly Membership[];
}

/**
 * What the import adds to the master's memberships: recreated users got all their groups
 * with onekit.user.import, but a merged user keeps the master's and gains the zone's (its
 * primary group there becomes a secondary one); the system groups keep their
 * administrators. Given the mapping with every id known (resolvedObjects).
 */
export function importedMemberships(
  existing: Pick<Identities, 'users' | 'groups'>,
  mapped: { users: readonly ObjectImport[]; groups: readonly ObjectImport[] },
): ImportedMemberships {
  const userId = new Map(mapped.users.map((u) => [u.slaveId, u]));
  const groupId = new Map(mapped.groups.map((g) => [g.slaveId, g]));
  const groups = existing.users.flatMap((user) => {
    const to = userId.get(user.id);
    if (to?.action !== 'merged') return [];
    return user.groups.flatMap((gid) => {
      const group = groupId.get(gid);
      return group === undefined ? [] : [{ uid: to.id, gid: group.id }];
    });
  });
  const admins = existing.groups.flatMap((group) => {
    const to = groupId.get(group.id);
    if (to === undefined || to.action === 'system') return [];
    return group.admins.flatMap((uid) => {
      const user = userId.get(uid);
      return user === undefined ? [] : [{ uid: user.id, gid: to.id }];
    });
  });
  return { groups, admins };
}
