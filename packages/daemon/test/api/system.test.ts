// one.system.version and one.system.config through the daemon.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { readXmlDocument, type XmlObject } from '@onekit/core';
import { validateAgainstXsd } from '../../../core/test/support/xsd.js';
import { daemonBackends } from '../support/daemon-backends.js';
import { DaemonRoot, type DaemonProcess } from '../support/daemon-root.js';
import { addUserOffline } from '../support/offline-writes.js';

const ALICE = 'alice:alice-password';
const HIDDEN = ['BACKEND', 'SERVER', 'PORT', 'USER', 'PASSWD', 'DB_NAME'];

for (const backend of daemonBackends) {
  describe(`api/system through the daemon (${backend.name})`, function () {
    this.timeout(120_000);
    let root: DaemonRoot;
    let daemon: DaemonProcess;

    before(async () => {
      root = await DaemonRoot.create({
        conf: await backend.database(),
        // Keys the schema knows, one it does not, and values of the wrong type.
        extraConf:
          'LOG = [ SYSTEM = "file", DEBUG_LEVEL = 3 ]\nMANAGER_TIMER = 15\nMONITORING_INTERVAL_HOST = soon\n' +
          'NOT_A_SCHEMA_KEY = 1\nVM_MAD = [ NAME = "kvm", EXECUTABLE = "one_vmm_exec", KEEP_SNAPSHOTS = "maybe" ]\n' +
          'DEFAULT_AUTH = "core"\nDEFAULT_AUTH = "ldap"\n',
      });
      await (await root.start()).stop();
      await addUserOffline(root, { id: 2, name: 'alice', password: 'alice-password', gid: 1 });
      daemon = await root.start();
    });

    after(async () => {
      await daemon?.stop();
    });

    it('reports the OpenNebula version OneKit serves', async () => {
      assert.deepEqual(await daemon.client.call('one.system.version', root.session), {
        ok: true,
        value: '7.5.80',
      });
      assert.deepEqual(await daemon.client.call('one.system.version', ALICE), {
        ok: true,
        value: '7.5.80',
      });
    });

    it('returns the configuration with the DB credentials to the oneadmin group', async () => {
      const xml = (await daemon.client.value('one.system.config', root.session)) as string;
      await validateAgainstXsd(xml, 'opennebula_configuration.xsd');
      const conf = readXmlDocument(xml, {
        root: 'OPENNEBULA_CONFIGURATION',
        arrays: ['OPENNEBULA_CONFIGURATION/DEFAULT_AUTH'],
      }).OPENNEBULA_CONFIGURATION as XmlObject;
      assert.equal(conf.PORT, String(root.port));
      assert.equal(conf.LISTEN_ADDRESS, root.host);
      assert.equal((conf.DB as XmlObject).BACKEND, backend.name);
      assert.deepEqual(conf.FEDERATION, {
        MASTER_ONED: '',
        MODE: 'STANDALONE',
        SERVER_ID: '-1',
        ZONE_ID: '0',
      });
      assert.deepEqual(conf.LOG, { DEBUG_LEVEL: '3', SYSTEM: 'file' });
      assert.equal(conf.MANAGER_TIMER, '15');
      assert.deepEqual(conf.DEFAULT_AUTH, ['core', 'ldap']);
      assert.deepEqual(conf.VM_MAD, { EXECUTABLE: 'one_vmm_exec', NAME: 'kvm' });
      assert.equal(
        conf.MONITORING_INTERVAL_HOST,
        undefined,
        'a value of the wrong type is left out',
      );
      assert.equal(conf.NOT_A_SCHEMA_KEY, undefined);
      assert.deepEqual(Object.keys(conf.RAFT as XmlObject).sort(), [
        'BROADCAST_TIMEOUT_MS',
        'ELECTION_TIMEOUT_MS',
        'LIMIT_PURGE',
        'LOG_PURGE_TIMEOUT',
        'LOG_RETENTION',
        'XMLRPC_TIMEOUT_MS',
      ]);
    });

    it('hides the DB connection keys from other groups', async () => {
      const xml = (await daemon.client.value('one.system.config', ALICE)) as string;
      await validateAgainstXsd(xml, 'opennebula_configuration.xsd');
      const db = (readXmlDocument(xml).OPENNEBULA_CONFIGURATION as XmlObject).DB as XmlObject;
      for (const key of HIDDEN) assert.equal(db[key], undefined, key);
      assert.ok(db.CONNECTIONS !== undefined);
    });
  });
}
