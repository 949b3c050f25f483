// The writes that store a group. oned reads every group as owned by oneadmin and in
// itself, usable by its members (group_u = 1).
import type { WriteOp } from '../../storage/index.js';
import type { GroupRecord } from './group-record.js';
import { groupBody } from './group-xml.js';

function groupColumns(group: GroupRecord) {
  return {
    name: group.name,
    body: groupBody(group),
    uid: 0,
    gid: group.id,
    owner_u: 1,
    group_u: 1,
    other_u: 0,
  };
}

export function insertGroupOp(group: GroupRecord): WriteOp {
  return { op: 'insert', table: 'group_pool', row: { oid: group.id, ...groupColumns(group) } };
}

export function updateGroupOp(group: GroupRecord): WriteOp {
  return { op: 'update', table: 'group_pool', set: groupColumns(group), where: { oid: group.id } };
}

export function deleteGroupOp(id: number): WriteOp {
  return { op: 'delete', table: 'group_pool', where: { oid: id } };
}

/** The group's zone-local rows (quotas, VLAN rules), if it has them. */
export function deleteGroupLocalOps(id: number): WriteOp[] {
  return [
    { op: 'delete', table: 'group_quotas', where: { group_oid: id } },
    { op: 'delete', table: 'group_vlans', where: { group_oid: id } },
  ];
}

/** The group with `uid` added to or removed from its members. */
export function withMember(group: GroupRecord, uid: number, member: boolean): GroupRecord {
  const users = member ? withId(group.users, uid) : group.users.filter((u) => u !== uid);
  const admins = member ? group.admins : group.admins.filter((a) => a !== uid);
  return { ...group, users, admins };
}

/** The sorted id list with `id` in its place (a new id, the usual case, goes at the end). */
function withId(ids: readonly number[], id: number): readonly number[] {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  if (ids[lo] === id) return ids;
  return [...ids.slice(0, lo), id, ...ids.slice(lo)];
}
