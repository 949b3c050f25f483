// one.user.login on a user's login tokens, as oned does it: `valid` 0 revokes the given
// token (or all of them when none is given), -1 makes a token that never expires, a
// positive value one that expires that many seconds from now; the driver's
// MAX_TOKEN_TIME caps the lifetime (0 disables tokens altogether). An empty token asks
// for a new random one. A scoped token (egid) acts with that group only.
import { authDriverPolicy } from './auth-drivers.js';
import type { LoginToken, UserRecord } from './user-record.js';

export const MAX_LOGIN_TOKENS = 10;

export interface LoginRequest {
  readonly token: string;
  readonly valid: number;
  /** -1 for a full token. */
  readonly egid: number;
}

export interface LoginContext {
  readonly nowSeconds: number;
  /** The caller is uid 0 or in the oneadmin group. */
  readonly callerIsAdmin: boolean;
  /** The groups the caller acts with. */
  readonly callerGroups: readonly number[];
  readonly newToken: () => string;
}

export type LoginOutcome =
  | { readonly ok: true; readonly user: UserRecord; readonly token: string }
  /** `user` is set when the refusal still changes the user (tokens disabled: all are dropped). */
  | {
      readonly ok: false;
      readonly code: 'ACTION' | 'RPC_API';
      readonly message: string;
      readonly user?: UserRecord;
    };

function sameGroups(a: readonly number[], b: readonly number[]): boolean {
  const set = new Set(b);
  return new Set(a).size === set.size && a.every((g) => set.has(g));
}

function byToken(a: LoginToken, b: LoginToken): number {
  return a.token < b.token ? -1 : a.token > b.token ? 1 : 0;
}

export function applyLogin(user: UserRecord, req: LoginRequest, ctx: LoginContext): LoginOutcome {
  const maxTokenTime = authDriverPolicy(user.authDriver).maxTokenTime;
  if (maxTokenTime === 0) {
    return {
      ok: false,
      code: 'ACTION',
      message: `Login tokens are disabled for driver ${user.authDriver}`,
      user: { ...user, loginTokens: [] },
    };
  }
  let valid = req.valid;
  if (maxTokenTime > 0 && (valid > maxTokenTime || valid === -1)) valid = maxTokenTime;

  if (valid === 0) {
    if (req.token === '') return { ok: true, user: { ...user, loginTokens: [] }, token: req.token };
    if (!user.loginTokens.some((t) => t.token === req.token)) {
      return { ok: false, code: 'RPC_API', message: `Could not find token: ${req.token}` };
    }
    const loginTokens = user.loginTokens.filter((t) => t.token !== req.token);
    return { ok: true, user: { ...user, loginTokens }, token: req.token };
  }
  if (valid < -1) return { ok: false, code: 'RPC_API', message: 'Wrong valid period for token' };

  if (
    req.egid !== -1 &&
    !ctx.callerIsAdmin &&
    (!user.groups.includes(req.egid) || !ctx.callerGroups.includes(req.egid))
  ) {
    return { ok: false, code: 'RPC_API', message: 'EGID is not in user group list' };
  }
  if (req.egid === -1 && !sameGroups(user.groups, ctx.callerGroups)) {
    return {
      ok: false,
      code: 'RPC_API',
      message: 'Cannot create a full token with a specific group token',
    };
  }
  // Expired tokens are collected before counting (one that expires this second is kept).
  const live = user.loginTokens.filter((t) => t.expires === -1 || t.expires >= ctx.nowSeconds);
  if (live.length >= MAX_LOGIN_TOKENS) {
    return { ok: false, code: 'RPC_API', message: 'Max number of tokens limit reached.' };
  }
  const token = req.token === '' ? ctx.newToken() : req.token;
  // Setting a token that exists keeps the existing one, as oned's token map does.
  if (live.some((t) => t.token === token))
    return { ok: true, user: { ...user, loginTokens: live }, token };
  const expires = valid === -1 ? -1 : ctx.nowSeconds + valid;
  const loginTokens = [...live, { token, expires, egid: req.egid }].sort(byToken);
  return { ok: true, user: { ...user, loginTokens }, token };
}
