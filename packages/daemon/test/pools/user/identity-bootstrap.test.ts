import assert from 'node:assert/strict';
import { sha256Hex } from '@onekit/core';
import { after, before, describe, it } from 'mocha';
import { validateAgainstXsd } from '../../../../core/test/support/xsd.js';
import { aclPoolXml, readAclRules } from '../../../src/pools/acl/index.js';
import { groupInfoXml, readGroupRows, emptyVlanRules } from '../../../src/pools/group/index.js';
import {
  EMPTY_QUOTAS,
  identityBootstrap,
  readUser,
  userBody,
  userInfoXml,
} from '../../../src/pools/user/index.js';
import {
  identityFixture,
  SERVERADMIN_SECRET,
  type IdentityFixture,
} from '../../api/identity-fixture.js';
import { backends } from '../../storage/backends.js';

const secrets = () => {
  let n = 0;
  return () => (++n).toString(16).padStart(64, '0');
};

const options = {
  oneadmin: { name: 'oneadmin', password: 'opennebula' },
  serveradminSecret: SERVERADMIN_SECRET,
};

describe('pools/user/identity-bootstrap', () => {
  it('creates oneadmin (core) and serveradmin (server_cipher) in group oneadmin', () => {
    const { users } = identityBootstrap({ ...options, randomSecret: secrets() });
    assert.equal(
      userBody(users[0]!),
      '<USER><ID>0</ID><GID>0</GID><GROUPS><ID>0</ID></GROUPS><GNAME>oneadmin</GNAME>' +
        '<NAME>oneadmin</NAME>' +
        `<PASSWORD><![CDATA[${sha256Hex('opennebula')}]]></PASSWORD>` +
        '<AUTH_DRIVER><![CDATA[core]]></AUTH_DRIVER><ENABLED>1</ENABLED>' +
        `<TEMPLATE><TOKEN_PASSWORD><![CDATA[${'1'.padStart(64, '0')}]]></TOKEN_PASSWORD></TEMPLATE></USER>`,
    );
    assert.equal(users[1]!.name, 'serveradmin');
    assert.equal(users[1]!.authDriver, 'server_cipher');
    assert.equal(users[1]!.password, sha256Hex(SERVERADMIN_SECRET));
    assert.deepEqual(users[1]!.groups, [0]);
  });

  it('puts both users in group 0, leaves users (1) empty with its Sunstone views', () => {
    const { groups } = identityBootstrap({ ...options, randomSecret: secrets() });
    assert.deepEqual(
      groups.map((g) => [g.id, g.name, g.users]),
      [
        [0, 'oneadmin', [0, 1]],
        [1, 'users', []],
      ],
    );
    assert.equal(groups[1]!.template.getVector('SUNSTONE')?.pairs.length, 4);
  });

  it('creates the three default ACL rules', () => {
    const { aclRules } = identityBootstrap({ ...options, randomSecret: secrets() });
    const xml = aclPoolXml(aclRules);
    assert.match(
      xml,
      /<STRING>@1 VM\+IMAGE\+TEMPLATE\+DOCUMENT\+SECGROUP\+VMGROUP\+BACKUPJOB\/\* CREATE \*<\/STRING>/,
    );
    assert.match(
      xml,
      /<ID>1<\/ID><USER>400000000<\/USER><RESOURCE>800400000000<\/RESOURCE><RIGHTS>1<\/RIGHTS><ZONE>400000000<\/ZONE><STRING>\* ZONE\/\* USE \*<\/STRING>/,
    );
    assert.match(xml, /<STRING>\* MARKETPLACE\+MARKETPLACEAPP\/\* USE \*<\/STRING>/);
  });

  it('refuses the reserved name and unusable one_auth credentials', () => {
    const cases: [{ name: string; password: string }, string][] = [
      [{ name: 'serveradmin', password: 'x' }, 'user'],
      [{ name: 'one admin', password: 'x' }, 'user'],
      [{ name: 'oneadmin', password: 'two words' }, 'password'],
      [{ name: 'oneadmin', password: '' }, 'password'],
    ];
    for (const [oneadmin, field] of cases) {
      assert.throws(() => identityBootstrap({ ...options, oneadmin, randomSecret: secrets() }), {
        code: 'AUTH_FILE',
        where: { field },
      });
    }
  });
});

for (const backend of backends) {
  describe(`pools/user/identity-bootstrap stored on ${backend.name}`, () => {
    let fx: IdentityFixture;
    before(async () => {
      fx = await identityFixture(backend);
    });
    after(() => fx.close());

    it('reads back users whose documents validate against user.xsd', async () => {
      for (const id of [0, 1]) {
        const user = await readUser(fx.db, id);
        assert.ok(user);
        const defaults = `<DEFAULT_USER_QUOTAS>${EMPTY_QUOTAS}</DEFAULT_USER_QUOTAS>`;
        await validateAgainstXsd(userInfoXml(user, { own: EMPTY_QUOTAS, defaults }), 'user.xsd');
      }
    });

    it('reads back groups whose documents validate against group.xsd', async () => {
      const rows = await readGroupRows(fx.db);
      assert.deepEqual(
        rows.map((r) => [r.group.id, r.group.users]),
        [
          [0, [0, 1]],
          [1, []],
        ],
      );
      for (const { group } of rows) {
        const xml = groupInfoXml(group, {
          quotas: EMPTY_QUOTAS,
          vlans: emptyVlanRules(group.id),
          defaults: `<DEFAULT_GROUP_QUOTAS>${EMPTY_QUOTAS}</DEFAULT_GROUP_QUOTAS>`,
        });
        await validateAgainstXsd(xml, 'group.xsd');
      }
    });

    it('stores the ACL rules and the pool_control rows that continue each pool', async () => {
      const rules = await readAclRules(fx.db);
      assert.deepEqual(
        rules.map((r) => r.id),
        [0, 1, 2],
      );
      await validateAgainstXsd(aclPoolXml(rules), 'acl_pool.xsd');
      const control = await fx.db.query(
        'SELECT tablename, last_oid FROM pool_control ORDER BY tablename',
      );
      assert.deepEqual(
        control.map((r) => [r.tablename, r.last_oid]),
        [
          ['acl', 2n],
          ['group_pool', 99n],
          ['user_pool', 1n],
        ],
      );
    });
  });
}
