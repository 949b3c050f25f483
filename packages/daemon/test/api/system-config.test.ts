import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import {
  defaultOnedConfig,
  parseOnedConf,
  renderOnedConf,
  type OnedConf,
  type OnedConfig,
} from '@onekit/core';
import { validateAgainstXsd } from '../../../core/test/support/xsd.js';
import {
  HIDDEN_DB_KEYS,
  configurationXml,
  effectiveConfiguration,
} from '../../src/api/system-config.js';

function conf(extra = '', change: (c: OnedConfig) => void = () => undefined): OnedConf {
  const config = defaultOnedConfig();
  change(config);
  return parseOnedConf(renderOnedConf(config) + extra);
}

const schemaKeys = fc.constantFrom(
  'ACTION_TIMEOUT',
  'API_LIST_ORDER',
  'DEFAULT_AUTH',
  'MANAGER_TIMER',
  'RPC_LOG',
  'VM_SUBMIT_ON_HOLD',
  'ENABLE_OTHER_PERMISSIONS',
  'SCRIPTS_REMOTE_DIR',
  'NOT_IN_SCHEMA',
  'GRPC_PORT',
  'COLD_MIGRATE_MODE',
);
const values = fc.oneof(
  fc.constantFrom('YES', 'no', '12', '-3', 'DESC', 'x y', ''),
  fc.string({ maxLength: 6 }).filter((s) => !/["\\\n\r]/.test(s)),
);
const vectors = fc.constantFrom(
  'LOG = [ SYSTEM = "file", DEBUG_LEVEL = "3" ]',
  'LOG = [ SYSTEM = "file" ]',
  'VNC_PORTS = [ START = 5900, RESERVED = "32768:65536" ]',
  'VNC_PORTS = [ START = "x", RESERVED = "1" ]',
  'TM_MAD_CONF = [ NAME = "ceph", SHARED = "YES", UNKNOWN = "z" ]',
  'AUTH_MAD = [ AUTHN = "core" ]',
  'DS_MAD_CONF = [ NAME = "x", PERSISTENT_ONLY = "sometimes" ]',
);

describe('api/system-config', () => {
  it('validates against opennebula_configuration.xsd whatever oned.conf holds (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(schemaKeys, values), { maxLength: 6 }),
        fc.array(vectors, { maxLength: 3 }),
        fc.boolean(),
        async (singles, vectorLines, admin) => {
          const extra =
            [...singles.map(([k, v]) => `${k} = "${v}"`), ...vectorLines].join('\n') + '\n';
          await validateAgainstXsd(
            configurationXml(conf(extra), { showDbCredentials: admin }),
            'opennebula_configuration.xsd',
          );
        },
      ),
      { numRuns: 10 },
    );
  });

  it('writes the typed keys with their effective values, and hides the DB credentials on demand', () => {
    const c = conf('', (config) => {
      config.db = { ...config.db, backend: 'mysql', server: 'db1', passwd: 's3cret' };
    });
    const admin = configurationXml(c, { showDbCredentials: true });
    assert.match(
      admin,
      /<DB><BACKEND><!\[CDATA\[mysql\]\]><\/BACKEND>.*<PASSWD><!\[CDATA\[s3cret\]\]><\/PASSWD>/,
    );
    const other = configurationXml(c, { showDbCredentials: false });
    assert.ok(!other.includes('s3cret') && !other.includes('db1'));
    const db = /<DB>.*<\/DB>/.exec(other)![0];
    for (const key of HIDDEN_DB_KEYS) assert.ok(!db.includes(`<${key}>`), key);
    assert.match(db, /^<DB><COMPARE_BINARY>/);
    assert.equal(effectiveConfiguration(c).get('PORT'), '2633');
  });

  it('keeps the schema order and drops keys and values the schema refuses', () => {
    const xml = configurationXml(
      conf('ZZZ = 1\nACTION_TIMEOUT = soon\nVM_SUBMIT_ON_HOLD = "no"\nACTION_TIMEOUT = 5\n'),
      {
        showDbCredentials: true,
      },
    );
    assert.ok(!xml.includes('ZZZ'));
    assert.ok(
      !xml.includes('ACTION_TIMEOUT'),
      'only the first of a single key counts, and it is not an integer',
    );
    assert.ok(xml.indexOf('<DB>') < xml.indexOf('<FEDERATION>'));
    assert.ok(xml.indexOf('<FEDERATION>') < xml.indexOf('<LISTEN_ADDRESS>'));
    assert.ok(xml.indexOf('<PORT>') < xml.indexOf('<RAFT>'));
    assert.ok(xml.indexOf('<RAFT>') < xml.indexOf('<VM_SUBMIT_ON_HOLD>'));
  });
});
