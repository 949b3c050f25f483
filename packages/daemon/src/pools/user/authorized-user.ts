// oned's basic_authorization for users: an id that names no user is NO_EXISTS, otherwise
// the caller needs the right on it. A negative id is checked against the pool alone and
// then found missing.
import type { Right } from '@onekit/core';
import { noExists } from '../../api/failures.js';
import { poolAuth, requireAuthorized } from '../../authz/require-authorized.js';
import type { IdentityCall } from './identity-services.js';
import { userAuth } from './user-access.js';
import { readUser } from './user-reader.js';
import type { UserRecord } from './user-record.js';

export async function authorizedUser(
  call: IdentityCall,
  id: number,
  right: Right,
): Promise<UserRecord> {
  const user = id >= 0 ? await readUser(call.services.db, id) : undefined;
  if (id >= 0 && user === undefined) throw noExists(call.method, 'user', id);
  const object = user ? userAuth(user) : poolAuth('USER');
  await requireAuthorized(call, [{ right, object, ignoreLock: right === 'USE' }], 'user');
  if (user === undefined) throw noExists(call.method, 'user', id);
  return user;
}
