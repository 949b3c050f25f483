import assert from 'node:assert/strict';
import { oneErrorCodes as E, sha256Hex } from '@onekit/core';
import { afterEach, beforeEach, describe, it } from 'mocha';
import { validateAgainstXsd } from '../../../core/test/support/xsd.js';
import type { MethodSpec } from '../../src/api/method.js';
import type { DaemonServices } from '../../src/api/services.js';
import { readGroup } from '../../src/pools/group/index.js';
import { readUser } from '../../src/pools/user/index.js';
import { backends } from '../storage/backends.js';
import {
  assertOneError,
  ADMIN,
  identityFixture,
  identityMethods,
  T0,
  type IdentityFixture,
} from './identity-fixture.js';

// The daemon's services object satisfies the identity methods' structural type.
const registered: readonly MethodSpec<DaemonServices>[] = identityMethods;

for (const backend of backends) {
  describe(`api/user on ${backend.name}`, () => {
    let fx: IdentityFixture;
    beforeEach(async () => {
      fx = await identityFixture(backend);
    });
    afterEach(() => fx.close());

    const allocate = (name: string, groups: number[] = [], password = 'pw', driver = '') =>
      fx.call(ADMIN, 'one.user.allocate', name, password, driver, groups) as Promise<number>;
    const info = async (session: string, id: number) =>
      String(await fx.call(session, 'one.user.info', id));

    it('declares every write federated and every read servable by followers', () => {
      assert.equal(registered.length, 23);
      for (const s of identityMethods) {
        const read = /\.info$/.test(s.name);
        assert.equal(s.federated === true, !read, s.name);
        assert.equal(s.leaderOnly === false, read, s.name);
        assert.equal(s.allowedWhenDisabled === true, read, s.name);
      }
    });

    describe('one.user.allocate', () => {
      it('creates a core user in users, with a TOKEN_PASSWORD, listed by its group', async () => {
        assert.equal(await allocate('alice'), 2);
        const alice = (await readUser(fx.db, 2))!;
        assert.deepEqual(
          [alice.gid, alice.gname, alice.groups, alice.authDriver],
          [1, 'users', [1], 'core'],
        );
        assert.equal(alice.password, sha256Hex('pw'));
        assert.match(alice.template.get('TOKEN_PASSWORD')!, /^[0-9a-f]{64}$/);
        assert.deepEqual((await readGroup(fx.db, 1))!.users, [2]);
        await validateAgainstXsd(await info(ADMIN, 2), 'user.xsd');
      });

      it('takes the first listed group as primary, the rest as secondary', async () => {
        const devs = (await fx.call(ADMIN, 'one.group.allocate', 'devs')) as number;
        assert.equal(await allocate('bob', [devs, 1]), 2);
        const bob = (await readUser(fx.db, 2))!;
        assert.deepEqual([bob.gid, bob.gname, bob.groups], [100, 'devs', [1, 100]]);
        assert.deepEqual((await readGroup(fx.db, 100))!.users, [2]);
        assert.deepEqual((await readGroup(fx.db, 1))!.users, [2]);
      });

      it('keeps passwords of other drivers as given and lets ldap users have none', async () => {
        assert.equal(await allocate('ext', [], '', 'ldap'), 2);
        assert.equal((await readUser(fx.db, 2))!.password, '');
        assert.equal(await allocate('srv', [], 'token-text', 'server_cipher'), 3);
        assert.equal((await readUser(fx.db, 3))!.password, 'token-text');
      });

      it("refuses with oned's messages", async () => {
        await allocate('alice');
        const m = '[one.user.allocate]';
        const cases: [() => Promise<unknown>, number, string][] = [
          [() => allocate('alice'), E.INTERNAL, `${m} NAME is already taken by USER 2.`],
          [() => allocate('a b'), E.INTERNAL, `${m} Invalid NAME, char ' ' is not allowed.`],
          [() => allocate('a#b'), E.INTERNAL, `${m} Invalid NAME, char '#' is not allowed.`],
          [
            () => allocate('x'.repeat(129)),
            E.INTERNAL,
            `${m} Invalid NAME, max length is 128 chars.`,
          ],
          [
            () => allocate('carol', [], ''),
            E.INTERNAL,
            `${m} Invalid password, it cannot be empty.`,
          ],
          [
            () => allocate('carol', [], 'a b'),
            E.INTERNAL,
            `${m} Invalid password, character ' ' is not allowed.`,
          ],
          [() => allocate('carol', [55]), E.NO_EXISTS, `${m} Error getting group [55].`],
          [
            () => fx.call('alice:pw', 'one.user.allocate', 'carol', 'pw', '', []),
            E.AUTHORIZATION,
            `${m} User [2] : Not authorized to perform CREATE USER.`,
          ],
          [
            () => fx.call(ADMIN, 'one.user.allocate', 'carol', 'pw', '', 'nope'),
            E.RPC_API,
            `${m} The groups must be an array of group IDs`,
          ],
        ];
        for (const [attempt, code, message] of cases)
          await assertOneError(attempt(), { code, message });
        assert.equal(await allocate('carol'), 3, 'refusals use no id');
      });
    });

    describe('one.user.passwd, chauth and enable', () => {
      beforeEach(async () => {
        await allocate('alice');
        await allocate('bob');
      });

      it('lets a user change its own password, which ends its sessions and tokens', async () => {
        await fx.call('alice:pw', 'one.user.login', 'alice', 'tok', -1);
        assert.equal(await fx.call('alice:pw', 'one.user.passwd', 2, 'new'), 2);
        await assertOneError(fx.call('alice:pw', 'one.user.info', -1), {
          code: E.AUTHENTICATION,
          message: "[one.user.info] User couldn't be authenticated, aborting call.",
        });
        await assertOneError(fx.call('alice:tok', 'one.user.info', -1), {
          code: E.AUTHENTICATION,
          message: "[one.user.info] User couldn't be authenticated, aborting call.",
        });
        assert.match(await info('alice:new', -1), /<NAME>alice<\/NAME>/);
      });

      it("refuses other users' passwords, bad passwords and drivers that keep theirs", async () => {
        await assertOneError(fx.call('bob:pw', 'one.user.passwd', 2, 'x'), {
          code: E.AUTHORIZATION,
          message: '[one.user.passwd] User [3] : Not authorized to perform MANAGE USER [2].',
        });
        await assertOneError(fx.call('alice:pw', 'one.user.passwd', 2, 'a b'), {
          code: E.ACTION,
          message: "[one.user.passwd] Invalid password, character ' ' is not allowed",
        });
        await assertOneError(fx.call(ADMIN, 'one.user.passwd', 77, 'x'), {
          code: E.NO_EXISTS,
          message: '[one.user.passwd] Error getting user [77].',
          respId: 77,
        });
        await fx.call('alice:pw', 'one.user.login', 'alice', 'tok', -1);
        await fx.call(ADMIN, 'one.user.chauth', 2, 'x509', '');
        await assertOneError(fx.call('alice:tok', 'one.user.passwd', 2, 'x'), {
          code: E.ACTION,
          message: '[one.user.passwd] Password for driver x509 cannot be changed.',
        });
        assert.equal(await fx.call(ADMIN, 'one.user.passwd', 2, 'cert'), 2);
        assert.equal((await readUser(fx.db, 2))!.password, 'cert');
      });

      it('changes the driver (ADMIN), with a new password when one is given', async () => {
        await assertOneError(fx.call('alice:pw', 'one.user.chauth', 2, 'core', 'x'), {
          code: E.AUTHORIZATION,
          message: '[one.user.chauth] User [2] : Not authorized to perform ADMIN USER [2].',
        });
        assert.equal(await fx.call(ADMIN, 'one.user.chauth', 2, 'public', ''), 2);
        assert.equal((await readUser(fx.db, 2))!.password, sha256Hex('pw'));
        await assertOneError(fx.call('alice:pw', 'one.user.info', -1), {
          code: E.AUTHENTICATION,
          message: "[one.user.info] User couldn't be authenticated, aborting call.",
        });
        assert.equal(await fx.call(ADMIN, 'one.user.chauth', 2, 'core', 'again'), 2);
        assert.match(
          await info('alice:again', -1),
          /<AUTH_DRIVER><!\[CDATA\[core\]\]><\/AUTH_DRIVER>/,
        );
      });

      it('disables and enables users (ADMIN), never oneadmin', async () => {
        assert.equal(await fx.call(ADMIN, 'one.user.enable', 2, false), 2);
        await assertOneError(fx.call('alice:pw', 'one.user.info', -1), {
          code: E.AUTHENTICATION,
          message: "[one.user.info] User couldn't be authenticated, aborting call.",
        });
        assert.match(await info(ADMIN, 2), /<ENABLED>0<\/ENABLED>/);
        assert.equal(await fx.call(ADMIN, 'one.user.enable', 2, true), 2);
        assert.match(await info('alice:pw', -1), /<ENABLED>1<\/ENABLED>/);
        await assertOneError(fx.call(ADMIN, 'one.user.enable', 0, false), {
          code: E.ACTION,
          message: '[one.user.enable] Cannot enable/disable oneadmin user',
        });
        await assertOneError(fx.call('bob:pw', 'one.user.enable', 3, false), {
          code: E.AUTHORIZATION,
          message: '[one.user.enable] User [3] : Not authorized to perform ADMIN USER [3].',
        });
      });
    });

    describe('one.user.update', () => {
      beforeEach(() => allocate('alice'));

      it('replaces the template, or merges into it with append 1', async () => {
        assert.equal(
          await fx.call('alice:pw', 'one.user.update', 2, 'EMAIL = "a@x"\nSSH = [ KEY = "k" ]', 0),
          2,
        );
        let t = (await readUser(fx.db, 2))!.template;
        assert.deepEqual([t.get('EMAIL'), t.get('TOKEN_PASSWORD')], ['a@x', undefined]);
        await fx.call(
          'alice:pw',
          'one.user.update',
          2,
          '<TEMPLATE><LANG><![CDATA[es]]></LANG><SSH/></TEMPLATE>',
          1,
        );
        t = (await readUser(fx.db, 2))!.template;
        assert.deepEqual(
          [t.get('EMAIL'), t.get('LANG'), t.getVector('SSH')],
          ['a@x', 'es', undefined],
        );
        await fx.call('alice:pw', 'one.user.update', 2, 'ONLY = 1');
        assert.deepEqual(
          (await readUser(fx.db, 2))!.template.attributes.map((a) => a.name),
          ['ONLY'],
        );
      });

      it('keeps restricted attributes out of reach of the users outside oneadmin', async () => {
        await fx.call(ADMIN, 'one.user.update', 2, 'VM_USE_OPERATIONS = "migrate"', 1);
        await assertOneError(
          fx.call('alice:pw', 'one.user.update', 2, 'VM_USE_OPERATIONS = "all"', 1),
          {
            code: E.INTERNAL,
            message:
              '[one.user.update] Cannot update template. User Template includes a restricted attribute VM_USE_OPERATIONS',
          },
        );
        await assertOneError(
          fx.call('alice:pw', 'one.user.update', 2, 'VM_USE_OPERATIONS = "all"', 0),
          {
            code: E.INTERNAL,
            message:
              '[one.user.update] Cannot update template. Tried to change restricted attribute: VM_USE_OPERATIONS',
          },
        );
        await fx.call('alice:pw', 'one.user.update', 2, 'A = 1', 0);
        assert.equal((await readUser(fx.db, 2))!.template.get('VM_USE_OPERATIONS'), 'migrate');
      });

      it('refuses a wrong mode and a template that does not parse', async () => {
        await assertOneError(fx.call('alice:pw', 'one.user.update', 2, 'A = 1', 2), {
          code: E.RPC_API,
          message: '[one.user.update] Wrong update type',
        });
        await assert.rejects(
          fx.call('alice:pw', 'one.user.update', 2, 'A = [', 0),
          (err: Error & { code?: number }) => {
            assert.equal(err.code, E.INTERNAL);
            assert.ok(
              err.message.startsWith('[one.user.update] Cannot update template. '),
              err.message,
            );
            return true;
          },
        );
      });
    });

    describe('one.user.chgrp', () => {
      beforeEach(async () => {
        await fx.call(ADMIN, 'one.group.allocate', 'devs');
        await allocate('alice');
      });

      it('moves the user out of its old primary group', async () => {
        assert.equal(await fx.call(ADMIN, 'one.user.chgrp', 2, 100), 2);
        const alice = (await readUser(fx.db, 2))!;
        assert.deepEqual([alice.gid, alice.gname, alice.groups], [100, 'devs', [100]]);
        assert.deepEqual((await readGroup(fx.db, 1))!.users, []);
        assert.deepEqual((await readGroup(fx.db, 100))!.users, [2]);
      });

      it('keeps the old group as secondary when the new one was secondary', async () => {
        await allocate('bob', [1, 100]);
        assert.equal(await fx.call(ADMIN, 'one.user.chgrp', 3, 100), 3);
        const bob = (await readUser(fx.db, 3))!;
        assert.deepEqual([bob.gid, bob.groups], [100, [1, 100]]);
        assert.deepEqual((await readGroup(fx.db, 1))!.users, [2, 3]);
      });

      it("refuses with oned's messages", async () => {
        const m = '[one.user.chgrp]';
        await assertOneError(fx.call(ADMIN, 'one.user.chgrp', 2, -1), {
          code: E.RPC_API,
          message: `${m} Wrong group ID`,
        });
        await assertOneError(fx.call(ADMIN, 'one.user.chgrp', 2, 7), {
          code: E.NO_EXISTS,
          message: `${m} Error getting group [7].`,
          respId: 7,
        });
        await assertOneError(fx.call(ADMIN, 'one.user.chgrp', 0, 1), {
          code: E.INTERNAL,
          message: `${m} user [0] oneadmin cannot be moved outside of the group [0] oneadmin`,
        });
        await assertOneError(fx.call('alice:pw', 'one.user.chgrp', 2, 100), {
          code: E.AUTHORIZATION,
          message: `${m} User [2] : Not authorized to perform USE GROUP [100].`,
        });
      });
    });

    describe('one.user.login', () => {
      beforeEach(() => allocate('alice'));
      const session = 'alice:pw';

      it('makes a random 64-hex token when none is given, usable as the password', async () => {
        const token = (await fx.call(session, 'one.user.login', 'alice', '', 60)) as string;
        assert.match(token, /^[0-9a-f]{64}$/);
        assert.match(
          await info(`alice:${token}`, -1),
          new RegExp(`<EXPIRATION_TIME>${T0 / 1000 + 60}</EXPIRATION_TIME>`),
        );
        fx.advance(60_000);
        await assertOneError(fx.call(`alice:${token}`, 'one.user.info', -1), {
          code: E.AUTHENTICATION,
          message: "[one.user.info] User couldn't be authenticated, aborting call.",
        });
      });

      it('revokes one token or all of them with valid 0', async () => {
        await fx.call(session, 'one.user.login', 'alice', 't1', -1);
        await fx.call(session, 'one.user.login', 'alice', 't2', -1);
        assert.equal(await fx.call(session, 'one.user.login', 'alice', 't1', 0), 't1');
        assert.deepEqual(
          (await readUser(fx.db, 2))!.loginTokens.map((t) => t.token),
          ['t2'],
        );
        await fx.call(session, 'one.user.login', 'alice', '', 0);
        assert.deepEqual((await readUser(fx.db, 2))!.loginTokens, []);
        await assertOneError(fx.call(session, 'one.user.login', 'alice', 'gone', 0), {
          code: E.RPC_API,
          message: '[one.user.login] Could not find token: gone',
        });
      });

      it('scopes a token to a group the user is in, and acts with that group only', async () => {
        await fx.call(ADMIN, 'one.group.allocate', 'devs');
        await fx.call(ADMIN, 'one.user.chgrp', 2, 100);
        await fx.call(ADMIN, 'one.user.chgrp', 2, 1);
        assert.deepEqual((await readUser(fx.db, 2))!.groups, [1]);
        await assertOneError(fx.call(session, 'one.user.login', 'alice', 'g', -1, 100), {
          code: E.RPC_API,
          message: '[one.user.login] EGID is not in user group list',
        });
        assert.equal(await fx.call(session, 'one.user.login', 'alice', 'g', -1, 1), 'g');
        const caller = await fx.services.authenticator.authenticate('alice:g', 'one.user.info');
        assert.deepEqual([caller.gid, caller.groups, caller.egid], [1, [1], 1]);
        await allocate('bob', [1, 100]);
        await fx.call('bob:pw', 'one.user.login', 'bob', 'scoped', -1, 100);
        await assertOneError(fx.call('bob:scoped', 'one.user.login', 'bob', 'full', -1), {
          code: E.RPC_API,
          message: '[one.user.login] Cannot create a full token with a specific group token',
        });
      });

      it('refuses a wrong period, an eleventh token and unknown users', async () => {
        await assertOneError(fx.call(session, 'one.user.login', 'alice', 'x', -2), {
          code: E.RPC_API,
          message: '[one.user.login] Wrong valid period for token',
        });
        for (let i = 0; i < 10; i++)
          await fx.call(session, 'one.user.login', 'alice', `t${i}`, 100 + i);
        await assertOneError(fx.call(session, 'one.user.login', 'alice', 'eleven', -1), {
          code: E.RPC_API,
          message: '[one.user.login] Max number of tokens limit reached.',
        });
        // t0 expired a second ago; t1 expires this very second and is kept, as in oned.
        fx.advance(101_000);
        assert.equal(await fx.call(session, 'one.user.login', 'alice', 'eleven', -1), 'eleven');
        assert.equal((await readUser(fx.db, 2))!.loginTokens.length, 10);
        await assertOneError(fx.call(session, 'one.user.login', 'nobody', '', -1), {
          code: E.NO_EXISTS,
          message: '[one.user.login] Error getting user Pool.',
        });
        await assertOneError(fx.call(session, 'one.user.login', 'oneadmin', '', -1), {
          code: E.AUTHORIZATION,
          message: '[one.user.login] User [2] : Not authorized to perform MANAGE USER [0].',
        });
      });
    });

    describe('one.user.info and one.userpool.info', () => {
      beforeEach(async () => {
        await allocate('alice');
        await allocate('bob');
      });

      it('shows the caller for id -1 and others only to whom may use them', async () => {
        assert.match(await info('alice:pw', -1), /^<USER><ID>2<\/ID>/);
        await assertOneError(fx.call('alice:pw', 'one.user.info', 3), {
          code: E.AUTHORIZATION,
          message: '[one.user.info] User [2] : Not authorized to perform USE USER [3].',
        });
        await assertOneError(fx.call(ADMIN, 'one.user.info', 99), {
          code: E.NO_EXISTS,
          message: '[one.user.info] Error getting user [99].',
          respId: 99,
        });
        const xml = await info(ADMIN, 3);
        assert.match(xml, /<DEFAULT_USER_QUOTAS><DATASTORE_QUOTA><\/DATASTORE_QUOTA>/);
        await validateAgainstXsd(xml, 'user.xsd');
      });

      it('lists every user for oneadmin and what the ACLs allow for others', async () => {
        const ids = (xml: string) =>
          [...xml.matchAll(/<USER><ID>(\d+)<\/ID>/g)].map((m) => Number(m[1]));
        const all = String(await fx.call(ADMIN, 'one.userpool.info'));
        assert.deepEqual(ids(all), [0, 1, 2, 3]);
        await validateAgainstXsd(all, 'user_pool.xsd');
        assert.deepEqual(ids(String(await fx.call('alice:pw', 'one.userpool.info'))), [2]);
        await fx.call(ADMIN, 'one.acl.addrule', '#2', 'USER/@1', 'USE');
        assert.deepEqual(ids(String(await fx.call('alice:pw', 'one.userpool.info'))), [2, 3]);
        assert.match(await info('alice:pw', 3), /<NAME>bob<\/NAME>/);
      });
    });

    describe('one.user.delete', () => {
      beforeEach(async () => {
        await allocate('alice');
        await allocate('bob');
      });

      it('removes the user from its groups and drops the ACL rules naming it', async () => {
        await fx.call(ADMIN, 'one.acl.addrule', '#2', 'VM/*', 'USE');
        await fx.call(ADMIN, 'one.acl.addrule', '#3', 'USER/#2', 'MANAGE', '*');
        await fx.call(ADMIN, 'one.acl.addrule', '#3', 'USER+GROUP/#2', 'MANAGE', '*');
        assert.equal(await fx.call(ADMIN, 'one.user.delete', 2), 2);
        assert.equal(await readUser(fx.db, 2), undefined);
        assert.deepEqual((await readGroup(fx.db, 1))!.users, [3]);
        const strings = [
          ...String(await fx.call(ADMIN, 'one.acl.info')).matchAll(/<STRING>([^<]*)<\/STRING>/g),
        ].map((m) => m[1]);
        assert.ok(strings.includes('#3 USER+GROUP/#2 MANAGE *'));
        assert.ok(!strings.some((s) => s!.startsWith('#2 ') || s === '#3 USER/#2 MANAGE *'));
        await assertOneError(fx.call('alice:pw', 'one.user.info', -1), {
          code: E.AUTHENTICATION,
          message: "[one.user.info] User couldn't be authenticated, aborting call.",
        });
      });

      it('refuses oneadmin and callers without ADMIN', async () => {
        await assertOneError(fx.call(ADMIN, 'one.user.delete', 0), {
          code: E.ACTION,
          message: '[one.user.delete] Cannot delete user. oneadmin cannot be deleted.',
        });
        await assertOneError(fx.call('alice:pw', 'one.user.delete', 3), {
          code: E.AUTHORIZATION,
          message: '[one.user.delete] User [2] : Not authorized to perform ADMIN USER [3].',
        });
      });
    });
  });
}
