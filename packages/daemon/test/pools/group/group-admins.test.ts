// one.group.addadmin and one.group.deladmin on a real database: ADMINS kept as the XSD
// says, the administrator's four ACL rules added and dropped as oned does, and refusals.
import assert from 'node:assert/strict';
import { oneErrorCodes as E, printAclRule } from '@onekit/core';
import { afterEach, beforeEach, describe, it } from 'mocha';
import { validateAgainstXsd } from '../../../../core/test/support/xsd.js';
import { readAclRules } from '../../../src/pools/acl/index.js';
import { groupAdminRules, readGroup } from '../../../src/pools/group/index.js';
import { backends } from '../../storage/backends.js';
import {
  ADMIN,
  assertOneError,
  identityFixture,
  type IdentityFixture,
} from '../../api/identity-fixture.js';

const sqlite = backends.find((b) => b.name === 'sqlite')!;

const ADMIN_RULES_OF_2_IN_100 = [
  '#2 USER/@100 USE+MANAGE+ADMIN+CREATE *',
  '#2 VM+NET+IMAGE+TEMPLATE+DOCUMENT+SECGROUP+VROUTER+VMGROUP+BACKUPJOB/@100 USE+MANAGE *',
  '#2 VROUTER/* CREATE *',
  '#2 GROUP/#100 MANAGE *',
];

describe('pools/group/group-admins (one.group.addadmin, one.group.deladmin)', () => {
  let fx: IdentityFixture;
  beforeEach(async () => {
    fx = await identityFixture(sqlite);
    assert.equal(await fx.call(ADMIN, 'one.group.allocate', 'devs'), 100);
    assert.equal(await fx.call(ADMIN, 'one.user.allocate', 'alice', 'pw', '', [100]), 2);
    assert.equal(await fx.call(ADMIN, 'one.user.allocate', 'bob', 'pw', '', [100]), 3);
    assert.equal(await fx.call(ADMIN, 'one.user.allocate', 'carol', 'pw', '', []), 4);
  });
  afterEach(() => fx.close());

  const admins = async (gid: number) => (await readGroup(fx.db, gid))!.admins;
  const rulesOf = async (uid: number) =>
    (await readAclRules(fx.db)).map(printAclRule).filter((r) => r.startsWith(`#${uid} `));

  it("writes oned's four administrator rules", () => {
    assert.deepEqual(groupAdminRules(2, 100).map(printAclRule), ADMIN_RULES_OF_2_IN_100);
  });

  it('makes a member an administrator, with its rules, in a document the XSD accepts', async () => {
    assert.equal(await fx.call(ADMIN, 'one.group.addadmin', 100, 3), 100);
    assert.equal(await fx.call(ADMIN, 'one.group.addadmin', 100, 2), 100);
    assert.deepEqual(await admins(100), [2, 3]);
    assert.deepEqual((await rulesOf(2)).sort(), [...ADMIN_RULES_OF_2_IN_100].sort());
    const xml = String(await fx.call(ADMIN, 'one.group.info', 100));
    assert.match(
      xml,
      /<USERS><ID>2<\/ID><ID>3<\/ID><\/USERS><ADMINS><ID>2<\/ID><ID>3<\/ID><\/ADMINS>/,
    );
    await validateAgainstXsd(xml, 'group.xsd');
    await validateAgainstXsd(String(await fx.call(ADMIN, 'one.grouppool.info')), 'group_pool.xsd');
  });

  it('gives the administrator ADMIN on the users of its group', async () => {
    await assertOneError(fx.call('alice:pw', 'one.user.enable', 3, false), {
      code: E.AUTHORIZATION,
      message: '[one.user.enable] User [2] : Not authorized to perform ADMIN USER [3].',
    });
    await fx.call(ADMIN, 'one.group.addadmin', 100, 2);
    assert.equal(await fx.call('alice:pw', 'one.user.enable', 3, false), 3);
  });

  it('adds only the rules that are missing', async () => {
    await fx.call(ADMIN, 'one.acl.addrule', '#2', 'GROUP/#100', 'MANAGE', '*');
    await fx.call(ADMIN, 'one.group.addadmin', 100, 2);
    assert.equal((await rulesOf(2)).length, 4);
  });

  it('takes the role and the rules away, the user staying a member', async () => {
    await fx.call(ADMIN, 'one.group.addadmin', 100, 2);
    await fx.call(ADMIN, 'one.group.addadmin', 100, 3);
    assert.equal(await fx.call(ADMIN, 'one.group.deladmin', 100, 2), 100);
    assert.deepEqual(await admins(100), [3]);
    assert.deepEqual((await readGroup(fx.db, 100))!.users, [2, 3]);
    assert.deepEqual(await rulesOf(2), []);
    assert.equal((await rulesOf(3)).length, 4);
    await validateAgainstXsd(String(await fx.call(ADMIN, 'one.group.info', 100)), 'group.xsd');
  });

  it("refuses with oned's messages, changing nothing", async () => {
    const add = '[one.group.addadmin]';
    const del = '[one.group.deladmin]';
    await fx.call(ADMIN, 'one.group.addadmin', 100, 2);
    await assertOneError(fx.call(ADMIN, 'one.group.addadmin', 555, 9), {
      code: E.NO_EXISTS,
      message: `${add} Error getting group [555].`,
      respId: 555,
    });
    await assertOneError(fx.call(ADMIN, 'one.group.addadmin', 100, 9), {
      code: E.NO_EXISTS,
      message: `${add} Error getting user [9].`,
      respId: 9,
    });
    await assertOneError(fx.call(ADMIN, 'one.group.addadmin', 100, 4), {
      code: E.INTERNAL,
      message: `${add} Cannot edit group. User 4 is not part of Group 100.`,
    });
    await assertOneError(fx.call(ADMIN, 'one.group.addadmin', 100, 2), {
      code: E.INTERNAL,
      message: `${add} Cannot edit group. User 2 is already an administrator of Group 100.`,
    });
    await assertOneError(fx.call(ADMIN, 'one.group.deladmin', 100, 3), {
      code: E.INTERNAL,
      message: `${del} Cannot edit group. User 3 is not an administrator of Group 100.`,
    });
    // The administrator has MANAGE on its group, not ADMIN.
    await assertOneError(fx.call('alice:pw', 'one.group.addadmin', 100, 3), {
      code: E.AUTHORIZATION,
      message: `${add} User [2] : Not authorized to perform ADMIN GROUP [100].`,
    });
    assert.deepEqual(await admins(100), [2]);
    assert.equal((await rulesOf(3)).length, 0);
  });
});
