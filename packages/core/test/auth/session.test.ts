import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatSession, parseSession } from '../../src/auth/index.js';
import { isOneKitError } from '../../src/errors/index.js';

describe('auth/session', () => {
  it('splits at the first colon only', () => {
    assert.deepEqual(parseSession('user:secret'), { user: 'user', secret: 'secret' });
    assert.deepEqual(parseSession('serveradmin:ana:0:abc='), {
      user: 'serveradmin',
      secret: 'ana:0:abc=',
    });
    assert.deepEqual(parseSession('ana:'), { user: 'ana', secret: '' });
  });

  for (const bad of ['nocolon', ':secret', '']) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.throws(
        () => parseSession(bad),
        (err) => isOneKitError(err, 'AUTH_SESSION'),
      );
    });
  }

  it('refuses to format a user name that would not parse back', () => {
    assert.throws(
      () => formatSession({ user: 'a:b', secret: 'x' }),
      (err) => isOneKitError(err, 'AUTH_SESSION'),
    );
    assert.throws(
      () => formatSession({ user: '', secret: 'x' }),
      (err) => isOneKitError(err, 'AUTH_SESSION'),
    );
  });

  it('round-trips any user without a colon and any secret', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((u) => !u.includes(':')),
        fc.string(),
        (user, secret) => {
          assert.deepEqual(parseSession(formatSession({ user, secret })), { user, secret });
        },
      ),
    );
  });
});
