// The writes that store a user: user_pool's body plus the columns oned indexes. A user
// owns itself (uid = its id) and belongs to its primary group; owner use/manage only.
import type { WriteOp } from '../../storage/index.js';
import type { UserRecord } from './user-record.js';
import { userBody } from './user-xml.js';

function userColumns(user: UserRecord) {
  return {
    name: user.name,
    body: userBody(user),
    uid: user.id,
    gid: user.gid,
    owner_u: 1,
    group_u: 0,
    other_u: 0,
  };
}

export function insertUserOp(user: UserRecord): WriteOp {
  return { op: 'insert', table: 'user_pool', row: { oid: user.id, ...userColumns(user) } };
}

export function updateUserOp(user: UserRecord): WriteOp {
  return { op: 'update', table: 'user_pool', set: userColumns(user), where: { oid: user.id } };
}

export function deleteUserOp(id: number): WriteOp {
  return { op: 'delete', table: 'user_pool', where: { oid: id } };
}

/** The user's zone-local quota row, if it has one. */
export function deleteUserQuotasOp(id: number): WriteOp {
  return { op: 'delete', table: 'user_quotas', where: { user_oid: id } };
}
