import assert from 'node:assert/strict';
import { oneErrorCodes as E } from '@onekit/core';
import { afterEach, beforeEach, describe, it } from 'mocha';
import { validateAgainstXsd } from '../../../core/test/support/xsd.js';
import { backends } from '../storage/backends.js';
import {
  assertOneError,
  ADMIN,
  identityFixture,
  type IdentityFixture,
} from './identity-fixture.js';

for (const backend of backends) {
  describe(`api/acl on ${backend.name}`, () => {
    let fx: IdentityFixture;
    beforeEach(async () => {
      fx = await identityFixture(backend);
      await fx.call(ADMIN, 'one.user.allocate', 'alice', 'pw', '', []);
    });
    afterEach(() => fx.close());

    const strings = async () =>
      [...String(await fx.call(ADMIN, 'one.acl.info')).matchAll(/<STRING>([^<]*)<\/STRING>/g)].map(
        (m) => m[1],
      );

    it('lists the rules by user, masks in hex, as ACL_POOL', async () => {
      await fx.call(ADMIN, 'one.acl.addrule', '#2', 'HOST/#1', 'MANAGE');
      const xml = String(await fx.call(ADMIN, 'one.acl.info'));
      await validateAgainstXsd(xml, 'acl_pool.xsd');
      assert.match(
        xml,
        /^<ACL_POOL><ACL><ID>3<\/ID><USER>100000002<\/USER><RESOURCE>2100000001<\/RESOURCE><RIGHTS>2<\/RIGHTS><ZONE>100000000<\/ZONE><STRING>#2 HOST\/#1 MANAGE #0<\/STRING><\/ACL><ACL><ID>0<\/ID>/,
      );
    });

    it('takes the hex masks oneacl sends, and oneacl syntax for each component', async () => {
      assert.equal(
        await fx.call(ADMIN, 'one.acl.addrule', '0x200000064', '1400000000', '3', '400000000'),
        3,
      );
      assert.equal(
        await fx.call(ADMIN, 'one.acl.addrule', '@100', 'IMAGE+TEMPLATE/@100', 'USE+MANAGE', '*'),
        4,
      );
      assert.equal(await fx.call(ADMIN, 'one.acl.addrule', '*', 'ZONE/#0', 'ADMIN', ''), 5);
      assert.deepEqual((await strings()).slice(0, 3), [
        '@1 VM+IMAGE+TEMPLATE+DOCUMENT+SECGROUP+VMGROUP+BACKUPJOB/* CREATE *',
        '@100 VM/* USE+MANAGE *',
        '@100 IMAGE+TEMPLATE/@100 USE+MANAGE *',
      ]);
      assert.ok((await strings()).includes('* ZONE/#0 ADMIN #0'));
    });

    it("refuses duplicates, malformed rules and unreadable components with oned's messages", async () => {
      const m = '[one.acl.addrule]';
      await fx.call(ADMIN, 'one.acl.addrule', '@1', 'ZONE/*', 'USE', '*');
      await assertOneError(fx.call(ADMIN, 'one.acl.addrule', '@1', 'zone/*', 'use', '400000000'), {
        code: E.INTERNAL,
        message: `${m} Rule @1 ZONE/* USE * already exists`,
      });
      await assertOneError(fx.call(ADMIN, 'one.acl.addrule', '@1', 'HOST/@1', 'USE'), {
        code: E.INTERNAL,
        message: `${m} Rule @1 HOST/@1 USE #0 is malformed: [resource] GROUP(@) selector cannot be applied to HOST, GROUP, CLUSTER, ZONE or VDC types`,
      });
      await assertOneError(fx.call(ADMIN, 'one.acl.addrule', '0', '1000000000', '0'), {
        code: E.INTERNAL,
        message:
          `${m} Rule ?? VM/??  #0 is malformed: [user] is missing one of the INDIVIDUAL, GROUP or ALL bits; ` +
          '[resource] is missing one of the INDIVIDUAL, GROUP, CLUSTER or ALL bits; wrong [rights], it cannot be 0',
      });
      await assertOneError(fx.call(ADMIN, 'one.acl.addrule', '@1', 'VM+BOGUS/*', 'USE'), {
        code: E.INTERNAL,
        message: `${m} Rule resource cannot be parsed: resource type "BOGUS" does not exist`,
      });
      await assertOneError(fx.call('alice:pw', 'one.acl.addrule', '@1', 'VM/*', 'USE'), {
        code: E.AUTHORIZATION,
        message: `${m} User [2] : Not authorized to perform MANAGE ACL.`,
      });
    });

    it('deletes rules by id, and decisions follow at once', async () => {
      const id = (await fx.call(ADMIN, 'one.acl.addrule', '#2', 'USER/*', 'USE', '*')) as number;
      assert.match(String(await fx.call('alice:pw', 'one.user.info', 0)), /<NAME>oneadmin<\/NAME>/);
      assert.equal(await fx.call(ADMIN, 'one.acl.delrule', id), id);
      await assertOneError(fx.call('alice:pw', 'one.user.info', 0), {
        code: E.AUTHORIZATION,
        message: '[one.user.info] User [2] : Not authorized to perform USE USER [0].',
      });
      await assertOneError(fx.call(ADMIN, 'one.acl.delrule', id), {
        code: E.INTERNAL,
        message: `[one.acl.delrule] Rule ${id} does not exist`,
      });
      await assertOneError(fx.call('alice:pw', 'one.acl.info'), {
        code: E.AUTHORIZATION,
        message: '[one.acl.info] User [2] : Not authorized to perform MANAGE ACL.',
      });
    });
  });
}
