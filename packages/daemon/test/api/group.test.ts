import assert from 'node:assert/strict';
import { oneErrorCodes as E } from '@onekit/core';
import { afterEach, beforeEach, describe, it } from 'mocha';
import { validateAgainstXsd } from '../../../core/test/support/xsd.js';
import { readAclRules } from '../../src/pools/acl/index.js';
import { readGroup } from '../../src/pools/group/index.js';
import { backends } from '../storage/backends.js';
import {
  assertOneError,
  ADMIN,
  identityFixture,
  type IdentityFixture,
} from './identity-fixture.js';

for (const backend of backends) {
  describe(`api/group on ${backend.name}`, () => {
    let fx: IdentityFixture;
    beforeEach(async () => {
      fx = await identityFixture(backend);
      await fx.call(ADMIN, 'one.user.allocate', 'alice', 'pw', '', []);
    });
    afterEach(() => fx.close());

    describe('one.group.allocate', () => {
      it('gives user groups ids from 100', async () => {
        assert.equal(await fx.call(ADMIN, 'one.group.allocate', 'devs'), 100);
        assert.equal(await fx.call(ADMIN, 'one.group.allocate', 'ops'), 101);
        const devs = (await readGroup(fx.db, 100))!;
        assert.deepEqual(
          [devs.name, devs.users, devs.admins, devs.template.size],
          ['devs', [], [], 0],
        );
      });

      it("refuses with oned's messages", async () => {
        await fx.call(ADMIN, 'one.group.allocate', 'devs');
        const m = '[one.group.allocate]';
        await assertOneError(fx.call(ADMIN, 'one.group.allocate', 'devs'), {
          code: E.INTERNAL,
          message: `${m} NAME is already taken by GROUP 100.`,
        });
        await assertOneError(fx.call(ADMIN, 'one.group.allocate', 'a b'), {
          code: E.INTERNAL,
          message: `${m} Invalid NAME, char ' ' is not allowed`,
        });
        await assertOneError(fx.call(ADMIN, 'one.group.allocate', ''), {
          code: E.INTERNAL,
          message: `${m} Invalid NAME, it cannot be empty`,
        });
        await assertOneError(fx.call('alice:pw', 'one.group.allocate', 'mine'), {
          code: E.AUTHORIZATION,
          message: `${m} User [2] : Not authorized to perform CREATE GROUP.`,
        });
      });
    });

    describe('one.group.delete', () => {
      it('deletes an empty user group with the rules about it', async () => {
        await fx.call(ADMIN, 'one.group.allocate', 'devs');
        await fx.call(ADMIN, 'one.acl.addrule', '@100', 'VM/*', 'USE');
        await fx.call(ADMIN, 'one.acl.addrule', '#2', 'VM+NET/@100', 'USE');
        await fx.call(ADMIN, 'one.acl.addrule', '#2', 'GROUP/#100', 'USE', '*');
        await fx.call(ADMIN, 'one.acl.addrule', '#2', 'VM/@101', 'USE');
        assert.equal(await fx.call(ADMIN, 'one.group.delete', 100), 100);
        assert.equal(await readGroup(fx.db, 100), undefined);
        // By user mask: #2 before @1 before *.
        assert.deepEqual(
          (await readAclRules(fx.db)).map((r) => r.id),
          [6, 0, 1, 2],
        );
      });

      it('refuses system groups, groups with users and callers without ADMIN', async () => {
        const m = '[one.group.delete]';
        await assertOneError(fx.call(ADMIN, 'one.group.delete', 1), {
          code: E.ACTION,
          message: `${m} Cannot delete group. System Groups (ID < 100) cannot be deleted.`,
        });
        await fx.call(ADMIN, 'one.group.allocate', 'devs');
        await fx.call(ADMIN, 'one.user.chgrp', 2, 100);
        await assertOneError(fx.call(ADMIN, 'one.group.delete', 100), {
          code: E.ACTION,
          message: `${m} Cannot delete group. Group 100 is not empty.`,
        });
        await assertOneError(fx.call('alice:pw', 'one.group.delete', 100), {
          code: E.AUTHORIZATION,
          message: `${m} User [2] : Not authorized to perform ADMIN GROUP [100].`,
        });
        await assertOneError(fx.call(ADMIN, 'one.group.delete', 555), {
          code: E.NO_EXISTS,
          message: `${m} Error getting group [555].`,
          respId: 555,
        });
      });
    });

    describe('one.group.update', () => {
      it('needs ADMIN and replaces or merges the template', async () => {
        await assertOneError(fx.call('alice:pw', 'one.group.update', 1, 'A = 1'), {
          code: E.AUTHORIZATION,
          message: '[one.group.update] User [2] : Not authorized to perform ADMIN GROUP [1].',
        });
        assert.equal(await fx.call(ADMIN, 'one.group.update', 1, 'A = 1', 1), 1);
        const t = (await readGroup(fx.db, 1))!.template;
        assert.deepEqual(
          t.attributes.map((a) => a.name),
          ['A', 'SUNSTONE'],
        );
        assert.equal(await fx.call(ADMIN, 'one.group.update', 1, 'B = 2'), 1);
        assert.deepEqual(
          (await readGroup(fx.db, 1))!.template.attributes.map((a) => a.name),
          ['B'],
        );
      });
    });

    describe('one.group.info and one.grouppool.info', () => {
      it("shows the caller's group for -1 and the groups a user is in", async () => {
        const mine = String(await fx.call('alice:pw', 'one.group.info', -1));
        assert.match(mine, /^<GROUP><ID>1<\/ID><NAME>users<\/NAME>/);
        assert.match(
          mine,
          /<VLAN_RULES><ID><!\[CDATA\[1\]\]><\/ID><\/VLAN_RULES><DEFAULT_GROUP_QUOTAS>/,
        );
        await validateAgainstXsd(mine, 'group.xsd');
        await assertOneError(fx.call('alice:pw', 'one.group.info', 0), {
          code: E.AUTHORIZATION,
          message: '[one.group.info] User [2] : Not authorized to perform USE GROUP [0].',
        });
        await validateAgainstXsd(String(await fx.call(ADMIN, 'one.group.info', 0)), 'group.xsd');
      });

      it('lists the groups the caller may see', async () => {
        await fx.call(ADMIN, 'one.group.allocate', 'devs');
        const ids = (xml: string) =>
          [...xml.matchAll(/<GROUP><ID>(\d+)<\/ID>/g)].map((m) => Number(m[1]));
        const all = String(await fx.call(ADMIN, 'one.grouppool.info'));
        assert.deepEqual(ids(all), [0, 1, 100]);
        await validateAgainstXsd(all, 'group_pool.xsd');
        assert.deepEqual(ids(String(await fx.call('alice:pw', 'one.grouppool.info'))), [1]);
        await fx.call(ADMIN, 'one.acl.addrule', '#2', 'GROUP/#100', 'USE', '*');
        assert.deepEqual(ids(String(await fx.call('alice:pw', 'one.grouppool.info'))), [1, 100]);
      });
    });
  });
}
