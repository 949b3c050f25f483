// The check of a secret against a user that authenticates locally (not a server user),
// in oned's order: a login token first (an expired one refuses the session even when the
// secret is also the password), then the driver: core compares digests, public users
// cannot log in directly, and other drivers are external programs this server does not run.
import { verifyPassword } from '@onekit/core';
import { CORE_DRIVER, PUBLIC_DRIVER } from '../pools/user/auth-drivers.js';
import type { UserRecord } from '../pools/user/user-record.js';

export type LocalCredentialCheck =
  | { readonly ok: true; readonly via: 'login-token'; readonly egid: number }
  | { readonly ok: true; readonly via: 'password'; readonly upgrade: boolean }
  | { readonly ok: false; readonly reason: string };

/** Whether a login token is still valid at `nowSeconds`. */
export function tokenIsLive(token: { expires: number }, nowSeconds: number): boolean {
  return token.expires === -1 || nowSeconds < token.expires;
}

export function checkLoginToken(
  user: UserRecord,
  secret: string,
  nowSeconds: number,
): LocalCredentialCheck | undefined {
  const token = user.loginTokens.find((t) => t.token === secret);
  if (token === undefined) return undefined;
  if (!tokenIsLive(token, nowSeconds)) return { ok: false, reason: 'Token has expired.' };
  if (token.egid !== -1 && !user.groups.includes(token.egid)) {
    return { ok: false, reason: 'Token sets an EGID no longer part of user group list' };
  }
  return { ok: true, via: 'login-token', egid: token.egid };
}

export function checkPassword(user: UserRecord, secret: string): LocalCredentialCheck {
  if (user.authDriver === CORE_DRIVER) {
    const check = verifyPassword(user.password, secret);
    return check.accepted
      ? { ok: true, via: 'password', upgrade: check.upgrade }
      : { ok: false, reason: 'Invalid credentials' };
  }
  if (user.authDriver === PUBLIC_DRIVER) {
    return { ok: false, reason: `User: ${user.name} attempted a direct authentication.` };
  }
  return { ok: false, reason: `Auth driver ${user.authDriver} is not available` };
}
