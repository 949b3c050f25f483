// How a group looks to the authorizer: owned by oneadmin, in itself, usable by its members.
import type { ObjectAuth } from '../../authz/acl-evaluate.js';
import { permissionsFromOctal } from '../../authz/permissions.js';
import type { PoolRowAuth } from '../../authz/reverse-search.js';
import type { GroupRecord } from './group-record.js';

const GROUP_PERMISSIONS = permissionsFromOctal(0o640);

export function groupAuth(group: GroupRecord): ObjectAuth {
  return { type: 'GROUP', oid: group.id, uid: 0, gid: group.id, permissions: GROUP_PERMISSIONS };
}

export function groupRowAuth(group: GroupRecord): PoolRowAuth {
  return { oid: group.id, uid: 0, gid: group.id, groupU: 1, otherU: 0 };
}
