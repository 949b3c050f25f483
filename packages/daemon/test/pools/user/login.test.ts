import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  applyLogin,
  newUser,
  type LoginContext,
  type UserRecord,
} from '../../../src/pools/user/index.js';

const NOW = 1_700_000_000;
const base = (driver = 'core'): UserRecord =>
  newUser({
    id: 5,
    name: 'u',
    password: 'p',
    driver,
    gid: 1,
    gname: 'users',
    groups: [1, 100],
    tokenPassword: 'x',
  });
const ctx = (o: Partial<LoginContext> = {}): LoginContext => ({
  nowSeconds: NOW,
  callerIsAdmin: false,
  callerGroups: [1, 100],
  newToken: () => 'f'.repeat(64),
  ...o,
});

describe('pools/user/login', () => {
  it('sets a token that expires `valid` seconds from now, or never with -1', () => {
    const a = applyLogin(base(), { token: 't', valid: 30, egid: -1 }, ctx());
    assert.ok(a.ok);
    assert.deepEqual(a.user.loginTokens, [{ token: 't', expires: NOW + 30, egid: -1 }]);
    const b = applyLogin(a.user, { token: '', valid: -1, egid: 100 }, ctx());
    assert.ok(b.ok);
    assert.equal(b.token, 'f'.repeat(64));
    assert.deepEqual(
      b.user.loginTokens.map((t) => [t.token, t.expires, t.egid]),
      [
        ['f'.repeat(64), -1, 100],
        ['t', NOW + 30, -1],
      ],
    );
  });

  it("caps the lifetime at the driver's MAX_TOKEN_TIME", () => {
    const out = applyLogin(base('ldap'), { token: 't', valid: -1, egid: -1 }, ctx());
    assert.ok(out.ok);
    assert.equal(out.user.loginTokens[0]!.expires, NOW + 86400);
  });

  it('keeps the existing token when the same one is set again', () => {
    const first = applyLogin(base(), { token: 't', valid: 30, egid: -1 }, ctx());
    assert.ok(first.ok);
    const again = applyLogin(first.user, { token: 't', valid: -1, egid: -1 }, ctx());
    assert.ok(again.ok);
    assert.deepEqual(again.user.loginTokens, [{ token: 't', expires: NOW + 30, egid: -1 }]);
  });

  it('lets the oneadmin group scope a token to any group of the user only', () => {
    const user = { ...base(), groups: [1] };
    assert.deepEqual(
      applyLogin(user, { token: 't', valid: -1, egid: 100 }, ctx({ callerGroups: [1] })),
      {
        ok: false,
        code: 'RPC_API',
        message: 'EGID is not in user group list',
      },
    );
    const admin = applyLogin(
      user,
      { token: 't', valid: -1, egid: 7 },
      ctx({ callerIsAdmin: true, callerGroups: [1] }),
    );
    assert.ok(admin.ok);
  });
});
