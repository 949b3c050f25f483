// How a user looks to the authorizer: it owns itself (may use and manage itself) and
// belongs to its primary group; nobody else gets anything from permission bits.
import type { ObjectAuth } from '../../authz/acl-evaluate.js';
import { defaultPermissions } from '../../authz/permissions.js';
import type { PoolRowAuth } from '../../authz/reverse-search.js';
import type { UserRecord } from './user-record.js';

export function userAuth(user: UserRecord): ObjectAuth {
  return {
    type: 'USER',
    oid: user.id,
    uid: user.id,
    gid: user.gid,
    permissions: defaultPermissions,
  };
}

export function userRowAuth(user: UserRecord): PoolRowAuth {
  return { oid: user.id, uid: user.id, gid: user.gid, groupU: 0, otherU: 0 };
}
