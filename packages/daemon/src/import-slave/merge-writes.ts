// The master's writes for an import plan: new users and groups inserted, merged ones
// updated (the master's template wins, attributes only the slave had are added), member
// lists completed, the slave's ACL rules carried over with ids remapped and the slave's
// zone replaced by the imported zone, and the pool counters raised.
import {
  ID_MASK,
  SELECTOR_MASK,
  TYPE_MASK,
  objectTypeBits,
  selectorBits,
  type AclRule,
  type Template,
} from '@onekit/core';
import { insertAclRuleOp } from '../pools/acl/index.js';
import { insertGroupOp, updateGroupOp, type GroupRecord } from '../pools/group/index.js';
import { poolControlWrite } from '../pools/ids/index.js';
import { insertUserOp, sortedIds, updateUserOp, type UserRecord } from '../pools/user/index.js';
import type { WriteOp } from '../storage/index.js';
import type { ImportPlan, ObjectImport } from './import-plan.js';

export interface Identities {
  readonly users: readonly UserRecord[];
  readonly groups: readonly GroupRecord[];
  readonly acl: readonly AclRule[];
}

export interface MergeInput {
  readonly plan: ImportPlan;
  readonly master: Identities & { readonly lastAclId: number };
  readonly slave: Identities;
  /** The zone the slave's own zone (0) becomes. */
  readonly zoneId: number;
}

/** The master's template with the attributes only `other` has. */
function mergedTemplate(master: Template, other: Template): Template {
  const merged = master.clone();
  const names = new Set(master.attributes.map((a) => a.name));
  for (const attribute of other.attributes) if (!names.has(attribute.name)) merged.add(attribute);
  return merged;
}

function idMap(objects: readonly ObjectImport[]): Map<number, number> {
  return new Map(objects.map((o) => [o.slaveId, o.id]));
}

function remapMask(
  mask: bigint,
  kind: 'user' | 'resource',
  ids: { user: ReadonlyMap<number, number>; group: ReadonlyMap<number, number> },
): bigint {
  const selector = mask & SELECTOR_MASK;
  const id = Number(mask & ID_MASK);
  const rest = mask & ~ID_MASK;
  let map: ReadonlyMap<number, number> | undefined;
  if (selector === selectorBits.GROUP) map = ids.group;
  else if (selector === selectorBits.INDIVIDUAL) {
    if (kind === 'user') map = ids.user;
    else if ((mask & TYPE_MASK) === objectTypeBits.USER) map = ids.user;
    else if ((mask & TYPE_MASK) === objectTypeBits.GROUP) map = ids.group;
  }
  const mapped = map?.get(id);
  return mapped === undefined ? mask : rest | BigInt(mapped);
}

function remapZone(mask: bigint, zoneId: number): bigint {
  if ((mask & SELECTOR_MASK) !== selectorBits.INDIVIDUAL || (mask & ID_MASK) !== 0n) return mask;
  return (mask & ~ID_MASK) | BigInt(zoneId);
}

/**
 * A rule of the slave as the master must hold it: user and group ids mapped, the slave's
 * own zone (#0) replaced by the imported zone.
 */
export function remapAclRule(
  rule: Omit<AclRule, 'id'>,
  ids: { user: ReadonlyMap<number, number>; group: ReadonlyMap<number, number> },
  zoneId: number,
): Omit<AclRule, 'id'> {
  return {
    user: remapMask(rule.user, 'user', ids),
    resource: remapMask(rule.resource, 'resource', ids),
    rights: rule.rights,
    zone: remapZone(rule.zone, zoneId),
  };
}

function aclWrites(
  input: MergeInput,
  ids: { user: Map<number, number>; group: Map<number, number> },
): { ops: WriteOp[]; lastId: number } {
  const key = (r: { user: bigint; resource: bigint; rights: bigint; zone: bigint }) =>
    `${r.user}/${r.resource}/${r.rights}/${r.zone}`;
  const present = new Set(input.master.acl.map(key));
  let lastId = input.master.lastAclId;
  const ops: WriteOp[] = [];
  for (const rule of [...input.slave.acl].sort((a, b) => a.id - b.id)) {
    const masks = remapAclRule(rule, ids, input.zoneId);
    if (present.has(key(masks))) continue;
    present.add(key(masks));
    ops.push(insertAclRuleOp({ id: ++lastId, ...masks }));
  }
  return { ops, lastId };
}

export function mergeWrites(input: MergeInput): WriteOp[] {
  const { plan, master, slave } = input;
  const ids = { user: idMap(plan.users), group: idMap(plan.groups) };
  const masterGroups = new Map(master.groups.map((g) => [g.id, g]));
  const masterUsers = new Map(master.users.map((u) => [u.id, u]));
  const slaveGroups = new Map(slave.groups.map((g) => [g.id, g]));
  const slaveUsers = new Map(slave.users.map((u) => [u.id, u]));
  const mapGroup = (gid: number) => ids.group.get(gid) ?? gid;
  const mapUser = (uid: number) => ids.user.get(uid) ?? uid;

  // Groups first: their final names are the users' GNAME.
  const groups = new Map<number, { record: GroupRecord; isNew: boolean; changed: boolean }>();
  for (const g of plan.groups) {
    const source = slaveGroups.get(g.slaveId)!;
    const admins = source.admins.map(mapUser);
    const existing = masterGroups.get(g.id);
    if (existing) {
      const template =
        g.action === 'merged'
          ? mergedTemplate(existing.template, source.template)
          : existing.template;
      groups.set(g.id, {
        record: { ...existing, template, admins: sortedIds([...existing.admins, ...admins]) },
        isNew: false,
        changed: g.action === 'merged' || admins.length > 0,
      });
    } else {
      groups.set(g.id, {
        record: { ...source, id: g.id, name: g.name, users: [], admins: sortedIds(admins) },
        isNew: true,
        changed: true,
      });
    }
  }
  const groupName = (gid: number) =>
    groups.get(gid)?.record.name ?? masterGroups.get(gid)?.name ?? '';

  const ops: WriteOp[] = [];
  const members: [number, number][] = [];
  for (const u of plan.users) {
    if (u.action === 'system') continue;
    const source = slaveUsers.get(u.slaveId)!;
    const slaveGroupIds = source.groups.map(mapGroup);
    const existing = masterUsers.get(u.id);
    let user: UserRecord;
    if (existing) {
      user = {
        ...existing,
        groups: sortedIds([...existing.groups, ...slaveGroupIds]),
        template: mergedTemplate(existing.template, source.template),
      };
      ops.push(updateUserOp(user));
    } else {
      const gid = mapGroup(source.gid);
      user = {
        ...source,
        id: u.id,
        name: u.name,
        gid,
        gname: groupName(gid),
        groups: sortedIds(slaveGroupIds),
      };
      ops.push(insertUserOp(user));
    }
    for (const gid of user.groups) members.push([gid, user.id]);
  }
  for (const [gid, uid] of members) {
    const entry = groups.get(gid) ?? {
      record: masterGroups.get(gid)!,
      isNew: false,
      changed: false,
    };
    if (!entry.record || entry.record.users.includes(uid)) continue;
    groups.set(gid, {
      ...entry,
      record: { ...entry.record, users: sortedIds([...entry.record.users, uid]) },
      changed: true,
    });
  }
  const groupOps = [...groups.values()]
    .filter((g) => g.changed)
    .sort((a, b) => a.record.id - b.record.id)
    .map((g) => {
      const record = {
        ...g.record,
        admins: g.record.admins.filter((a) => g.record.users.includes(a)),
      };
      return g.isNew ? insertGroupOp(record) : updateGroupOp(record);
    });
  const acl = aclWrites(input, ids);
  return [
    ...groupOps,
    ...ops,
    ...acl.ops,
    poolControlWrite('group_pool', plan.lastGroupId),
    poolControlWrite('user_pool', plan.lastUserId),
    poolControlWrite('acl', acl.lastId),
  ];
}
