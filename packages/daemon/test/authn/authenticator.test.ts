import assert from 'node:assert/strict';
import { encodeServerToken, oneErrorCodes, sha1Hex, sha256Hex } from '@onekit/core';
import { afterEach, beforeEach, describe, it } from 'mocha';
import { OneApiError } from '../../src/api/method.js';
import { insertGroupOp, newGroup } from '../../src/pools/group/index.js';
import {
  newUser,
  readUser,
  readUserByName,
  updateUserOp,
  insertUserOp,
  type UserRecord,
} from '../../src/pools/user/index.js';
import {
  identityFixture,
  ONEADMIN_PASSWORD,
  SERVERADMIN_SECRET,
  T0,
  type IdentityFixture,
} from '../api/identity-fixture.js';
import { backends } from '../storage/backends.js';

const METHOD = 'one.user.info';
const refused = (err: unknown): boolean => {
  assert.ok(err instanceof OneApiError);
  assert.equal(err.code, oneErrorCodes.AUTHENTICATION);
  assert.equal(err.message, `[${METHOD}] User couldn't be authenticated, aborting call.`);
  return true;
};

for (const backend of backends) {
  describe(`authn/authenticator on ${backend.name}`, () => {
    let fx: IdentityFixture;
    beforeEach(async () => {
      fx = await identityFixture(backend);
    });
    afterEach(() => fx.close());

    const authenticate = (session: string) =>
      fx.services.authenticator.authenticate(session, METHOD);
    const store = async (user: UserRecord): Promise<void> => {
      await fx.services.committer.commit([updateUserOp(user)], { federated: true });
    };
    const addUser = async (o: { id: number; name: string; driver?: string; groups?: number[] }) => {
      const user = newUser({
        id: o.id,
        name: o.name,
        password: 'secret',
        driver: o.driver ?? 'core',
        gid: 1,
        gname: 'users',
        groups: o.groups ?? [1],
        tokenPassword: 'a'.repeat(64),
      });
      await fx.services.committer.commit([insertUserOp(user)], { federated: true });
      return user;
    };

    it('accepts user:password against the stored SHA-256 digest', async () => {
      assert.deepEqual(await authenticate(`oneadmin:${ONEADMIN_PASSWORD}`), {
        uid: 0,
        name: 'oneadmin',
        gid: 0,
        gname: 'oneadmin',
        groups: [0],
      });
    });

    it('refuses a wrong password, a session without ":", a bad name and an unknown user', async () => {
      for (const session of [
        'oneadmin:wrong',
        'oneadmin',
        'one admin:x',
        'a#b:x',
        'nobody:x',
        ':x',
        'oneadmin:',
      ]) {
        await assert.rejects(authenticate(session), refused, session);
      }
    });

    it('accepts a legacy SHA-1 digest once and stores SHA-256 in its place, dropping tokens', async () => {
      const user = (await readUser(fx.db, 0))!;
      await store({
        ...user,
        password: sha1Hex('old-password'),
        loginTokens: [{ token: 'tok', expires: -1, egid: -1 }],
      });
      const caller = await authenticate('oneadmin:old-password');
      assert.equal(caller.uid, 0);
      const upgraded = (await readUser(fx.db, 0))!;
      assert.equal(upgraded.password, sha256Hex('old-password'));
      assert.deepEqual(upgraded.loginTokens, []);
      assert.equal((await authenticate('oneadmin:old-password')).uid, 0);
    });

    it('accepts a login token until it expires, then refuses it even while cached', async () => {
      const user = (await readUser(fx.db, 0))!;
      const expires = T0 / 1000 + 60;
      await store({ ...user, loginTokens: [{ token: 'abc123', expires, egid: -1 }] });
      assert.equal((await authenticate('oneadmin:abc123')).uid, 0);
      fx.advance(59_999);
      assert.equal((await authenticate('oneadmin:abc123')).uid, 0);
      fx.advance(1);
      await assert.rejects(authenticate('oneadmin:abc123'), refused);
    });

    it('refuses a password session while a login token equal to it has expired', async () => {
      const user = (await readUser(fx.db, 0))!;
      await store({
        ...user,
        loginTokens: [{ token: ONEADMIN_PASSWORD, expires: T0 / 1000 - 1, egid: -1 }],
      });
      await assert.rejects(authenticate(`oneadmin:${ONEADMIN_PASSWORD}`), refused);
    });

    it('makes a scoped token act with its group only, and refuses it once the user left the group', async () => {
      await fx.services.committer.commit([insertGroupOp(newGroup(100, 'devs'))], {
        federated: true,
      });
      const alice = await addUser({ id: 2, name: 'alice', groups: [1, 100] });
      await store({ ...alice, loginTokens: [{ token: 'scoped', expires: -1, egid: 100 }] });
      assert.deepEqual(await authenticate('alice:scoped'), {
        uid: 2,
        name: 'alice',
        gid: 100,
        gname: 'devs',
        groups: [100],
        egid: 100,
      });
      const current = (await readUser(fx.db, 2))!;
      await store({ ...current, groups: [1] });
      await assert.rejects(authenticate('alice:scoped'), refused);
    });

    it('refuses disabled users and public users', async () => {
      const bob = await addUser({ id: 2, name: 'bob' });
      assert.equal((await authenticate('bob:secret')).uid, 2);
      await store({ ...bob, enabled: false });
      await assert.rejects(authenticate('bob:secret'), refused);
      await addUser({ id: 3, name: 'anon', driver: 'public' });
      await assert.rejects(authenticate('anon:secret'), refused);
      await addUser({ id: 4, name: 'ext', driver: 'ldap' });
      await assert.rejects(authenticate('ext:secret'), refused);
    });

    it('stops accepting a cached password once it changed', async () => {
      const bob = await addUser({ id: 2, name: 'bob' });
      assert.equal((await authenticate('bob:secret')).uid, 2);
      await store({ ...bob, password: sha256Hex('new') });
      await assert.rejects(authenticate('bob:secret'), refused);
      assert.equal((await authenticate('bob:new')).uid, 2);
    });

    describe('server cipher tokens', () => {
      const token = (
        o: { target?: string; expires?: number; egid?: number; secret?: string } = {},
      ) =>
        encodeServerToken({
          secret: o.secret ?? SERVERADMIN_SECRET,
          targetUser: o.target ?? 'alice',
          expires: o.expires ?? T0 / 1000 + 1800,
          ...(o.egid === undefined ? {} : { egid: o.egid }),
        });

      beforeEach(async () => {
        await fx.services.committer.commit([insertGroupOp(newGroup(100, 'devs'))], {
          federated: true,
        });
        await addUser({ id: 2, name: 'alice', groups: [1, 100] });
      });

      it('lets serveradmin act as the target user, with its group when one is given', async () => {
        assert.deepEqual(await authenticate(token()), {
          uid: 2,
          name: 'alice',
          gid: 1,
          gname: 'users',
          groups: [1, 100],
        });
        const scoped = await authenticate(token({ egid: 100 }));
        assert.deepEqual(
          [scoped.uid, scoped.gid, scoped.groups, scoped.egid],
          [2, 100, [100], 100],
        );
      });

      it('refuses tampered, foreign, expired and misdirected tokens', async () => {
        const good = token();
        const cipher = good.split(':').at(-1)!;
        const flipped = cipher.slice(0, 5) + (cipher[5] === 'A' ? 'B' : 'A') + cipher.slice(6);
        const sessions = [
          good.replace(cipher, flipped),
          token({ secret: 'another secret' }),
          token({ expires: T0 / 1000 }),
          good.replace(':alice:', ':oneadmin:'),
          token({ target: 'nobody' }),
          token({ egid: 0 }),
        ];
        for (const session of sessions)
          await assert.rejects(authenticate(session), refused, session);
      });

      it('refuses a cached token once it expires, and tokens for a disabled target', async () => {
        const session = token({ expires: T0 / 1000 + 10 });
        assert.equal((await authenticate(session)).uid, 2);
        fx.advance(10_000);
        await assert.rejects(authenticate(session), refused);
        const alice = (await readUserByName(fx.db, 'alice'))!;
        await store({ ...alice, enabled: false });
        await assert.rejects(authenticate(token({ expires: T0 / 1000 + 100 })), refused);
      });

      it('does not accept the server secret as a password', async () => {
        await assert.rejects(authenticate(`serveradmin:${SERVERADMIN_SECRET}`), refused);
      });
    });
  });
}
