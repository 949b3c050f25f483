// The identity methods through the real daemon: a user created over the API logs in,
// tokens work, ACL rules added and removed over the API change what zone calls allow at
// once, and all of it survives a restart. (The methods' own rules have their suites.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'mocha';
import { oneErrorCodes } from '@onekit/core';
import { validateAgainstXsd } from '../../../core/test/support/xsd.js';
import { daemonBackends } from '../support/daemon-backends.js';
import { DaemonRoot, type DaemonProcess } from '../support/daemon-root.js';

const BOB = 'bob:bob-password-1';

for (const backend of daemonBackends) {
  describe(`identity calls through the daemon (${backend.name})`, function () {
    this.timeout(120_000);
    let root: DaemonRoot;
    let daemon: DaemonProcess;
    let token = '';

    before(async () => {
      root = await DaemonRoot.create({ conf: await backend.database() });
      daemon = await root.start();
    });

    after(async () => {
      await daemon?.stop();
    });

    it('creates a user that then authenticates, and serves its documents', async () => {
      assert.deepEqual(
        await daemon.client.call('one.user.allocate', root.session, 'bob', 'bob-password-1', ''),
        {
          ok: true,
          value: 2,
        },
      );
      const me = (await daemon.client.value('one.user.info', BOB, -1)) as string;
      await validateAgainstXsd(me, 'user.xsd');
      assert.match(me, /^<USER><ID>2<\/ID><GID>1<\/GID>/);
      await validateAgainstXsd(
        (await daemon.client.value('one.userpool.info', root.session)) as string,
        'user_pool.xsd',
      );
      assert.deepEqual(await daemon.client.call('one.group.allocate', root.session, 'team'), {
        ok: true,
        value: 100,
      });
      await validateAgainstXsd(
        (await daemon.client.value('one.grouppool.info', root.session)) as string,
        'group_pool.xsd',
      );
    });

    it('applies ACL rules added and deleted over the API to the next zone call', async () => {
      const refused = {
        ok: false,
        code: oneErrorCodes.AUTHORIZATION,
        message: '[one.zone.raftstatus] User [2] : Not authorized to perform ADMIN ZONE [0].',
        respId: -1,
        replicationIndex: -1n,
      };
      assert.deepEqual(await daemon.client.call('one.zone.raftstatus', BOB), refused);
      const added = await daemon.client.call(
        'one.acl.addrule',
        root.session,
        '#2',
        'ZONE/#0',
        'ADMIN',
        '*',
      );
      assert.ok(
        added.ok,
        JSON.stringify(added, (_k, v) => (typeof v === 'bigint' ? String(v) : v)),
      );
      assert.equal((await daemon.client.call('one.zone.raftstatus', BOB)).ok, true);
      await validateAgainstXsd(
        (await daemon.client.value('one.acl.info', root.session)) as string,
        'acl_pool.xsd',
      );
      assert.deepEqual(
        await daemon.client.call('one.acl.delrule', root.session, added.value as number),
        {
          ok: true,
          value: added.value,
        },
      );
      assert.deepEqual(await daemon.client.call('one.zone.raftstatus', BOB), refused);
    });

    it('accepts login tokens as the password part of a session', async () => {
      const login = await daemon.client.call('one.user.login', BOB, 'bob', '', 3600);
      assert.ok(login.ok);
      token = login.value as string;
      assert.match(token, /^[0-9a-f]{64}$/);
      assert.equal(await daemon.client.value('one.system.version', `bob:${token}`), '7.5.80');
    });

    it('keeps users and their tokens across a restart, and logs no secret', async () => {
      await daemon.stop();
      daemon = await root.start();
      assert.equal((await daemon.client.call('one.user.info', BOB, -1)).ok, true);
      assert.equal(await daemon.client.value('one.system.version', `bob:${token}`), '7.5.80');
      const log = readFileSync(root.paths.onedLog, 'utf8');
      for (const secret of ['bob-password-1', token])
        assert.ok(!log.includes(secret), 'the log holds a secret');
    });
  });
}
