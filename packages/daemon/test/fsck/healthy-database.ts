// A consistent database for the fsck tests, written through the write path as a
// standalone daemon writes it: the bootstrap identities (groups 0 and 1, users 0 and 1,
// the default ACL rules), zone 0 with two servers, group 100 `dev` with users 2 (primary)
// and 3 (secondary, administrator), an ACL rule naming them, and local log records.
import { selectorBits, objectTypeBits, Template } from '@onekit/core';
import { defaultQuotaRows, localVersionRow, sharedVersionRow } from '../../src/bootstrap/index.js';
import { insertAclRuleOp } from '../../src/pools/acl/index.js';
import { poolControlWrite } from '../../src/pools/ids/index.js';
import { insertGroupOp, newGroup, updateGroupOp } from '../../src/pools/group/index.js';
import { identityBootstrap, insertUserOp, newUser } from '../../src/pools/user/index.js';
import { FIRST_USER_ZONE_ID, insertZoneWrite, zoneStates } from '../../src/pools/zone/index.js';
import { openDatabase, type DbConfig } from '../../src/storage/index.js';
import { LogStore, SoloCommitter } from '../../src/write-path/index.js';

const secret = () => 'ab'.repeat(32);

export async function healthyDatabase(config: DbConfig): Promise<void> {
  const db = await openDatabase(config);
  try {
    await db.createSchema();
    const log = await LogStore.open(db, { clock: () => 1_700_000_000_000 });
    const committer = new SoloCommitter({ log, federation: 'STANDALONE' });
    await committer.commit(
      [localVersionRow(1_700_000_000, { isSlave: false }), ...defaultQuotaRows()],
      {
        federated: false,
      },
    );
    const identity = identityBootstrap({
      oneadmin: { name: 'oneadmin', password: 'secret' },
      serveradminSecret: secret(),
      randomSecret: secret,
    });
    const zone = {
      id: 0,
      name: 'OpenNebula',
      state: zoneStates.ENABLED,
      template: new Template().addSingle('ENDPOINT', 'http://localhost:2633/RPC2'),
      servers: [
        { ENDPOINT: 'http://10.0.0.1:2633/RPC2', ID: '0', NAME: 'one' },
        { ENDPOINT: 'http://10.0.0.2:2633/RPC2', ID: '1', NAME: 'two' },
      ],
    };
    await committer.commit(
      [
        ...identity.ops,
        insertZoneWrite(zone),
        poolControlWrite('zone_pool', FIRST_USER_ZONE_ID - 1),
        sharedVersionRow(1_700_000_000),
      ],
      { federated: true },
    );
    const users = identity.groups.find((g) => g.id === 1)!;
    const user = (id: number, gid: number, gname: string, groups: number[]) =>
      newUser({
        id,
        name: `user${id}`,
        password: 'pw',
        driver: 'core',
        gid,
        gname,
        groups,
        tokenPassword: secret(),
      });
    const dev = { ...newGroup(100, 'dev'), users: [2, 3], admins: [3] };
    await committer.commit(
      [
        insertGroupOp(dev),
        poolControlWrite('group_pool', 100),
        insertUserOp(user(2, 100, 'dev', [1])),
        insertUserOp(user(3, 1, 'users', [100])),
        updateGroupOp({ ...users, users: [...users.users, 2, 3] }),
        poolControlWrite('user_pool', 3),
        insertAclRuleOp({
          id: 50,
          user: selectorBits.INDIVIDUAL | 2n,
          resource: objectTypeBits.GROUP | selectorBits.INDIVIDUAL | 100n,
          rights: 1n,
          zone: selectorBits.INDIVIDUAL | 0n,
        }),
        poolControlWrite('acl', 50),
      ],
      { federated: true },
    );
    await committer.commit(
      [{ op: 'replace', table: 'system_attributes', row: { name: 'X', body: '<X/>' } }],
      {
        federated: false,
      },
    );
  } finally {
    await db.close();
  }
}
