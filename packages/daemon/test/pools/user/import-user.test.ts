// onekit.user.import on a real database: a user recreated with its stored password logs in
// with its old password; only oneadmin may call it; bad input is refused and writes nothing.
import assert from 'node:assert/strict';
import { oneErrorCodes as E, sha256Hex } from '@onekit/core';
import { afterEach, beforeEach, describe, it } from 'mocha';
import { readGroup } from '../../../src/pools/group/index.js';
import { readUser, readUserByName } from '../../../src/pools/user/index.js';
import { backends } from '../../storage/backends.js';
import {
  ADMIN,
  assertOneError,
  identityFixture,
  type IdentityFixture,
} from '../../api/identity-fixture.js';

const sqlite = backends.find((b) => b.name === 'sqlite')!;
const METHOD = 'onekit.user.import';

describe('pools/user/import-user (onekit.user.import)', () => {
  let fx: IdentityFixture;
  beforeEach(async () => {
    fx = await identityFixture(sqlite);
  });
  afterEach(() => fx.close());

  const importUser = (
    session: string,
    o: {
      name: string;
      password?: string;
      driver?: string;
      enabled?: boolean;
      template?: string;
      groups?: unknown;
    },
  ) =>
    fx.call(
      session,
      METHOD,
      o.name,
      o.password ?? sha256Hex('old-secret'),
      o.driver ?? 'core',
      o.enabled ?? true,
      o.template ?? 'TOKEN_PASSWORD = "aa"\nSSH_KEY = "ssh-ed25519 AAA"',
      o.groups ?? [1],
    ) as Promise<number>;

  it('keeps the stored password, driver, groups and template; the user logs in as before', async () => {
    const devs = (await fx.call(ADMIN, 'one.group.allocate', 'devs')) as number;
    const id = await importUser(ADMIN, { name: 'alice', groups: [devs, 1] });
    const alice = (await readUser(fx.db, id))!;
    assert.deepEqual(
      [alice.gid, alice.gname, alice.groups, alice.authDriver, alice.enabled],
      [devs, 'devs', [1, devs], 'core', true],
    );
    assert.equal(alice.password, sha256Hex('old-secret'));
    assert.equal(alice.template.get('TOKEN_PASSWORD'), 'aa');
    assert.equal(alice.template.get('SSH_KEY'), 'ssh-ed25519 AAA');
    assert.deepEqual((await readGroup(fx.db, devs))!.users, [id]);
    assert.deepEqual((await readGroup(fx.db, 1))!.users, [id]);
    const info = String(await fx.call('alice:old-secret', 'one.user.info', -1));
    assert.match(info, /<NAME>alice<\/NAME>/);
  });

  it('keeps a disabled user disabled, and gives a TOKEN_PASSWORD when the template has none', async () => {
    const id = await importUser(ADMIN, { name: 'bob', enabled: false, template: 'A = "1"' });
    const bob = (await readUser(fx.db, id))!;
    assert.equal(bob.enabled, false);
    assert.match(bob.template.get('TOKEN_PASSWORD')!, /^[0-9a-f]{64}$/);
  });

  it('refuses anyone but oneadmin', async () => {
    await fx.call(ADMIN, 'one.user.allocate', 'carol', 'pw', '', [0]);
    await assert.rejects(importUser('carol:pw', { name: 'dave' }), { code: E.AUTHORIZATION });
    assert.equal(await readUserByName(fx.db, 'dave'), undefined);
  });

  it('refuses a taken name, a clear-text core password, a missing group, no group', async () => {
    await importUser(ADMIN, { name: 'erin' });
    await assertOneError(importUser(ADMIN, { name: 'erin' }), {
      code: E.INTERNAL,
      message: `[${METHOD}] NAME is already taken by USER 2.`,
    });
    await assert.rejects(importUser(ADMIN, { name: 'frank', password: 'plain' }), {
      code: E.INTERNAL,
    });
    await assert.rejects(importUser(ADMIN, { name: 'frank', groups: [1, 999] }), {
      code: E.NO_EXISTS,
    });
    await assert.rejects(importUser(ADMIN, { name: 'frank', groups: [] }), { code: E.INTERNAL });
    await assert.rejects(importUser(ADMIN, { name: 'fr:ank' }), { code: E.INTERNAL });
    assert.equal(await readUserByName(fx.db, 'frank'), undefined);
  });

  it('takes any stored secret for another driver', async () => {
    const id = await importUser(ADMIN, { name: 'gina', driver: 'ldap', password: 'cn=gina' });
    const gina = (await readUser(fx.db, id))!;
    assert.deepEqual([gina.authDriver, gina.password], ['ldap', 'cn=gina']);
  });
});
