// one.user.addgroup and one.user.delgroup on a real database: membership on both sides,
// an administrator who leaves a group losing its rules, and oned's refusals in oned's order.
import assert from 'node:assert/strict';
import { oneErrorCodes as E, printAclRule } from '@onekit/core';
import { afterEach, beforeEach, describe, it } from 'mocha';
import { validateAgainstXsd } from '../../../../core/test/support/xsd.js';
import { readAclRules } from '../../../src/pools/acl/index.js';
import { readGroup } from '../../../src/pools/group/index.js';
import { readUser } from '../../../src/pools/user/index.js';
import { backends } from '../../storage/backends.js';
import {
  ADMIN,
  assertOneError,
  identityFixture,
  type IdentityFixture,
} from '../../api/identity-fixture.js';

const sqlite = backends.find((b) => b.name === 'sqlite')!;

describe('pools/user/user-groups (one.user.addgroup, one.user.delgroup)', () => {
  let fx: IdentityFixture;
  beforeEach(async () => {
    fx = await identityFixture(sqlite);
    assert.equal(await fx.call(ADMIN, 'one.group.allocate', 'devs'), 100);
    assert.equal(await fx.call(ADMIN, 'one.group.allocate', 'ops'), 101);
    assert.equal(await fx.call(ADMIN, 'one.user.allocate', 'alice', 'pw', '', []), 2);
    assert.equal(await fx.call(ADMIN, 'one.user.allocate', 'bob', 'pw', '', []), 3);
  });
  afterEach(() => fx.close());

  const groupsOf = async (uid: number) => (await readUser(fx.db, uid))!.groups;
  const membersOf = async (gid: number) => (await readGroup(fx.db, gid))!.users;
  const rules = async () => (await readAclRules(fx.db)).map(printAclRule);

  it('adds a secondary group on the user and on the group, the primary kept', async () => {
    assert.equal(await fx.call(ADMIN, 'one.user.addgroup', 2, 101), 2);
    assert.equal(await fx.call(ADMIN, 'one.user.addgroup', 2, 100), 2);
    const alice = (await readUser(fx.db, 2))!;
    assert.deepEqual([alice.gid, alice.groups], [1, [1, 100, 101]]);
    assert.deepEqual(await membersOf(100), [2]);
    assert.deepEqual(await membersOf(101), [2]);
    await validateAgainstXsd(String(await fx.call(ADMIN, 'one.user.info', 2)), 'user.xsd');
    await validateAgainstXsd(String(await fx.call(ADMIN, 'one.group.info', 100)), 'group.xsd');
  });

  it('removes a secondary group from both sides', async () => {
    await fx.call(ADMIN, 'one.user.addgroup', 2, 100);
    await fx.call(ADMIN, 'one.user.addgroup', 3, 100);
    assert.equal(await fx.call(ADMIN, 'one.user.delgroup', 2, 100), 2);
    assert.deepEqual(await groupsOf(2), [1]);
    assert.deepEqual(await membersOf(100), [3]);
  });

  it('ends the role and the rules of an administrator who leaves the group', async () => {
    await fx.call(ADMIN, 'one.user.addgroup', 2, 100);
    await fx.call(ADMIN, 'one.group.addadmin', 100, 2);
    assert.equal((await rules()).filter((r) => r.startsWith('#2 ')).length, 4);
    await fx.call(ADMIN, 'one.user.delgroup', 2, 100);
    assert.deepEqual((await readGroup(fx.db, 100))!.admins, []);
    assert.deepEqual(
      (await rules()).filter((r) => r.startsWith('#2 ')),
      [],
    );
  });

  it('ends the role when chgrp takes the user out of the group it administered', async () => {
    await fx.call(ADMIN, 'one.user.chgrp', 2, 100);
    await fx.call(ADMIN, 'one.group.addadmin', 100, 2);
    await fx.call(ADMIN, 'one.user.chgrp', 2, 101);
    assert.deepEqual(await groupsOf(2), [101]);
    assert.deepEqual((await readGroup(fx.db, 100))!.admins, []);
    assert.deepEqual(
      (await rules()).filter((r) => r.startsWith('#2 ')),
      [],
    );
  });

  it('lets a group administrator manage the memberships of its group', async () => {
    await fx.call(ADMIN, 'one.user.addgroup', 2, 100);
    await fx.call(ADMIN, 'one.user.chgrp', 3, 100);
    await fx.call(ADMIN, 'one.group.addadmin', 100, 2);
    // MANAGE on bob (USER/@100) comes from the administrator's rules, on ops from this one.
    await fx.call(ADMIN, 'one.acl.addrule', '#2', 'GROUP/#101', 'MANAGE', '*');
    assert.equal(await fx.call('alice:pw', 'one.user.addgroup', 3, 101), 3);
    assert.deepEqual(await groupsOf(3), [100, 101]);
    assert.equal(await fx.call('alice:pw', 'one.user.delgroup', 3, 101), 3);
    assert.deepEqual(await groupsOf(3), [100]);
    await fx.call(ADMIN, 'one.group.deladmin', 100, 2);
    await assertOneError(fx.call('alice:pw', 'one.user.addgroup', 3, 101), {
      code: E.AUTHORIZATION,
      message: '[one.user.addgroup] User [2] : Not authorized to perform MANAGE USER [3].',
    });
  });

  it("refuses with oned's messages, in oned's order, changing nothing", async () => {
    const add = '[one.user.addgroup]';
    const del = '[one.user.delgroup]';
    await fx.call(ADMIN, 'one.user.addgroup', 2, 100);
    await assertOneError(fx.call(ADMIN, 'one.user.addgroup', 9, 555), {
      code: E.NO_EXISTS,
      message: `${add} Error getting user [9].`,
      respId: 9,
    });
    await assertOneError(fx.call(ADMIN, 'one.user.addgroup', 2, 555), {
      code: E.NO_EXISTS,
      message: `${add} Error getting group [555].`,
      respId: 555,
    });
    await assertOneError(fx.call(ADMIN, 'one.user.addgroup', 2, 100), {
      code: E.ACTION,
      message: `${add} User is already in this group`,
    });
    await assertOneError(fx.call(ADMIN, 'one.user.addgroup', 2, 1), {
      code: E.ACTION,
      message: `${add} User is already in this group`,
    });
    await assertOneError(fx.call('alice:pw', 'one.user.addgroup', 2, 101), {
      code: E.AUTHORIZATION,
      message: `${add} User [2] : Not authorized to perform MANAGE GROUP [101].`,
    });
    await assertOneError(fx.call('alice:pw', 'one.user.addgroup', 3, 100), {
      code: E.AUTHORIZATION,
      message:
        `${add} User [2] : Not authorized to perform MANAGE USER [3]; ` +
        'Not authorized to perform MANAGE GROUP [100].',
    });
    await assertOneError(fx.call(ADMIN, 'one.user.delgroup', 2, 1), {
      code: E.ACTION,
      message: `${del} Cannot remove user from the primary group`,
    });
    await assertOneError(fx.call(ADMIN, 'one.user.delgroup', 2, 101), {
      code: E.ACTION,
      message: `${del} User is not part of this group`,
    });
    await fx.call(ADMIN, 'one.user.allocate', 'ext', '', 'ldap', []);
    await assertOneError(fx.call(ADMIN, 'one.user.addgroup', 4, 555), {
      code: E.ACTION,
      message: `${add} Groups cannot be manually managed for auth driver ldap`,
    });
    assert.deepEqual(await groupsOf(2), [1, 100]);
    assert.deepEqual(await groupsOf(3), [1]);
    assert.deepEqual(await membersOf(101), []);
  });
});
