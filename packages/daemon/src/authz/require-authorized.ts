// The authorization step of a method: every check must pass, or the call fails with
// oned's AUTHORIZATION error (`User [<uid>] : <refusals>.`).
import type { ObjectType } from '@onekit/core';
import { notAuthorized } from '../api/failures.js';
import type { Caller } from '../api/method.js';
import type { AccessCheck, ObjectAuth } from './acl-evaluate.js';
import type { AuthorizerPort } from './authorizer.js';
import { defaultPermissions } from './permissions.js';

export interface AuthorizedCall {
  readonly method: string;
  readonly caller: Caller;
  readonly services: { readonly authorizer: AuthorizerPort };
}

export async function requireAuthorized(
  call: AuthorizedCall,
  checks: readonly AccessCheck[],
  object: string,
): Promise<void> {
  const result = await call.services.authorizer.authorize(call.caller, checks);
  if (!result.allowed) {
    throw notAuthorized(call.method, { uid: call.caller.uid, object, reason: result.message });
  }
}

/** A request about the pool rather than one object (oned's perms with only the type set). */
export function poolAuth(type: ObjectType): ObjectAuth {
  return { type, oid: -1, uid: -1, gid: -1, permissions: defaultPermissions };
}

/** A request to create an object, owned by the caller and its (effective) group. */
export function createAuth(type: ObjectType, caller: Caller): ObjectAuth {
  return { type, oid: -1, uid: caller.uid, gid: caller.gid, permissions: defaultPermissions };
}

/** Members of the oneadmin group and uid 0 (oned's is_admin, on the effective groups). */
export function callerIsAdmin(caller: Caller): boolean {
  const groups = caller.egid === undefined ? caller.groups : [caller.egid];
  return caller.uid === 0 || groups.includes(0);
}
