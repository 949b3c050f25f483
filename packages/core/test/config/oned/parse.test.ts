import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultOnedConfig,
  loadOnedConf,
  parseOnedConf,
  type OnedConf,
  type OnedConfig,
} from '../../../src/config/index.js';
import { isOneKitError } from '../../../src/errors/index.js';
import { vectorValue } from '../../../src/template/model.js';

function typed(conf: OnedConf): OnedConfig {
  const { template: _template, ...config } = conf;
  return config;
}

// Shaped like the oned.conf OpenNebula ships (commented header, other sections around).
const shipped = `#*****************************************
# Daemon
#*****************************************
LOG = [
  SYSTEM      = "file",
  DEBUG_LEVEL = 3
]

DB = [ BACKEND = "sqlite",
       TIMEOUT = 2500 ]

# DB = [ BACKEND = "mysql", SERVER = "localhost" ]

PORT = 2633

LISTEN_ADDRESS = "0.0.0.0"

FEDERATION = [
    MODE             = "STANDALONE",
    ZONE_ID          = 0,
    SERVER_ID        = -1,
    MASTER_ONED      = "",
    MASTER_ONED_GRPC = ""
]

RAFT = [
    LIMIT_PURGE          = 100000,
    LOG_RETENTION        = 250000,
    LOG_PURGE_TIMEOUT    = 60,
    ELECTION_TIMEOUT_MS  = 5000,
    BROADCAST_TIMEOUT_MS = 500,
    XMLRPC_TIMEOUT_MS    = 1000
]

# RAFT_LEADER_HOOK = [
#     COMMAND = "raft/vip.sh",
#     ARGUMENTS = "leader interface ip_cidr"
# ]

#ONEGATE_ENDPOINT = "http://169.254.16.9:5030"
`;

describe('config/oned/parse', () => {
  it('reads a file shaped like the shipped one', () => {
    const conf = parseOnedConf(shipped, { file: 'oned.conf' });
    assert.deepEqual(typed(conf), { ...defaultOnedConfig(), listenAddress: '0.0.0.0' });
    assert.equal(vectorValue(conf.template.getVector('LOG'), 'DEBUG_LEVEL'), '3');
  });

  it('takes every default from an empty file, binding loopback', () => {
    assert.deepEqual(typed(parseOnedConf('')), defaultOnedConfig());
    assert.equal(defaultOnedConfig().listenAddress, '127.0.0.1');
  });

  it('fills keys missing from a present vector with their defaults', () => {
    const conf = parseOnedConf(
      'RAFT = [ ELECTION_TIMEOUT_MS = 2500 ]\nDB = [ BACKEND = "mysql", USER = "one" ]',
    );
    assert.deepEqual(conf.raft, { ...defaultOnedConfig().raft, electionTimeoutMs: 2500 });
    assert.deepEqual(conf.db, { ...defaultOnedConfig().db, backend: 'mysql', user: 'one' });
  });

  it('reads every DB key', () => {
    const conf =
      parseOnedConf(`DB = [ BACKEND = "mysql", SERVER = "db1", PORT = 3307, USER = "u", PASSWD = "p:w\\"d",
      DB_NAME = "one", CONNECTIONS = 50, ENCODING = "utf8mb4", COMPARE_BINARY = "yes", TIMEOUT = 10, ERRORS_LIMIT = -1 ]`);
    assert.deepEqual(conf.db, {
      backend: 'mysql',
      server: 'db1',
      port: 3307,
      user: 'u',
      passwd: 'p:w"d',
      dbName: 'one',
      connections: 50,
      encoding: 'utf8mb4',
      compareBinary: true,
      timeoutMs: 10,
      errorsLimit: -1,
    });
  });

  it('forces ZONE_ID 0 in STANDALONE and upper-cases MODE, as oned does', () => {
    const conf = parseOnedConf('FEDERATION = [ MODE = "standalone", ZONE_ID = 7, SERVER_ID = 2 ]');
    assert.deepEqual(conf.federation, { ...defaultOnedConfig().federation, serverId: 2 });
  });

  it('reads a slave of an HA zone', () => {
    const conf = parseOnedConf(
      'FEDERATION = [ MODE = "SLAVE", ZONE_ID = 100, SERVER_ID = 0, MASTER_ONED = "http://10.0.0.1:2633/RPC2" ]',
    );
    assert.deepEqual(conf.federation, {
      mode: 'SLAVE',
      zoneId: 100,
      serverId: 0,
      masterOned: 'http://10.0.0.1:2633/RPC2',
      masterOnedGrpc: '',
    });
  });

  it('accepts a slave or cache that names only the gRPC master', () => {
    for (const mode of ['SLAVE', 'CACHE']) {
      const conf = parseOnedConf(
        `FEDERATION = [ MODE = "${mode}", ZONE_ID = 1, MASTER_ONED_GRPC = "m:2634" ]`,
      );
      assert.equal(conf.federation.masterOnedGrpc, 'm:2634');
    }
  });

  it('reads the Raft hooks and ignores one with an empty COMMAND', () => {
    const conf =
      parseOnedConf(`RAFT_LEADER_HOOK = [ COMMAND = "raft/vip.sh", ARGUMENTS = "leader eth0 10.0.0.5/24" ]
RAFT_FOLLOWER_HOOK = [ COMMAND = "", ARGUMENTS = "follower eth0 10.0.0.5/24" ]`);
    assert.deepEqual(conf.raftLeaderHook, {
      command: 'raft/vip.sh',
      arguments: 'leader eth0 10.0.0.5/24',
    });
    assert.equal(conf.raftFollowerHook, undefined);
  });

  it('reads ONEGATE_ENDPOINT', () => {
    assert.equal(
      parseOnedConf('ONEGATE_ENDPOINT = "http://169.254.16.9:5030"').onegateEndpoint,
      'http://169.254.16.9:5030',
    );
    assert.equal(parseOnedConf('').onegateEndpoint, undefined);
  });

  it('takes the first of repeated single keys', () => {
    assert.equal(parseOnedConf('PORT = 2700\nPORT = 2800').port, 2700);
  });

  // Each case puts the bad value on line 3, after two comment lines.
  const errors: Array<[string, string, string]> = [
    ['a non-numeric port', 'PORT = abc', 'PORT'],
    ['a port out of range', 'PORT = 70000', 'PORT'],
    ['a vector where a value belongs', 'PORT = [ A = 1 ]', 'PORT'],
    ['an empty LISTEN_ADDRESS', 'LISTEN_ADDRESS = ""', 'LISTEN_ADDRESS'],
    ['a value where a vector belongs', 'DB = "sqlite"', 'DB'],
    ['an unknown backend', 'DB = [ BACKEND = "oracle" ]', 'DB/BACKEND'],
    ['an upper-case backend (oned compares exactly)', 'DB = [ BACKEND = "SQLITE" ]', 'DB/BACKEND'],
    ['no connections', 'DB = [ BACKEND = "mysql", CONNECTIONS = 0 ]', 'DB/CONNECTIONS'],
    ['a negative DB timeout', 'DB = [ TIMEOUT = -1 ]', 'DB/TIMEOUT'],
    ['a bad COMPARE_BINARY', 'DB = [ COMPARE_BINARY = "maybe" ]', 'DB/COMPARE_BINARY'],
    ['an unknown MODE', 'FEDERATION = [ MODE = "PEER" ]', 'FEDERATION/MODE'],
    ['a FEDERATION without MODE', 'FEDERATION = [ ZONE_ID = 0 ]', 'FEDERATION/MODE'],
    ['a MASTER without ZONE_ID', 'FEDERATION = [ MODE = "MASTER" ]', 'FEDERATION/ZONE_ID'],
    [
      'a SLAVE without MASTER_ONED',
      'FEDERATION = [ MODE = "SLAVE", ZONE_ID = 100 ]',
      'FEDERATION/MASTER_ONED',
    ],
    [
      'a CACHE without MASTER_ONED',
      'FEDERATION = [ MODE = "CACHE", MASTER_ONED = "" ]',
      'FEDERATION/MASTER_ONED',
    ],
    ['a negative ZONE_ID', 'FEDERATION = [ MODE = "MASTER", ZONE_ID = -1 ]', 'FEDERATION/ZONE_ID'],
    [
      'a SERVER_ID below -1',
      'FEDERATION = [ MODE = "STANDALONE", SERVER_ID = -2 ]',
      'FEDERATION/SERVER_ID',
    ],
    [
      'a negative election timeout',
      'RAFT = [ ELECTION_TIMEOUT_MS = -1 ]',
      'RAFT/ELECTION_TIMEOUT_MS',
    ],
    ['a negative XML-RPC timeout', 'RAFT = [ XMLRPC_TIMEOUT_MS = -5 ]', 'RAFT/XMLRPC_TIMEOUT_MS'],
    ['a zero purge period', 'RAFT = [ LOG_PURGE_TIMEOUT = 0 ]', 'RAFT/LOG_PURGE_TIMEOUT'],
    ['a fractional retention', 'RAFT = [ LOG_RETENTION = 1.5 ]', 'RAFT/LOG_RETENTION'],
    [
      'heartbeats slower than elections',
      'RAFT = [ BROADCAST_TIMEOUT_MS = 6000 ]',
      'RAFT/BROADCAST_TIMEOUT_MS',
    ],
    [
      'an election faster than heartbeats',
      'RAFT = [ ELECTION_TIMEOUT_MS = 400 ]',
      'RAFT/ELECTION_TIMEOUT_MS',
    ],
    ['a hook given as a value', 'RAFT_LEADER_HOOK = "raft/vip.sh"', 'RAFT_LEADER_HOOK'],
  ];
  for (const [name, line, field] of errors) {
    it(`refuses ${name}, naming file, line and field`, () => {
      assert.throws(
        () => parseOnedConf(`# one\n# two\n${line}\n`, { file: '/etc/one/oned.conf' }),
        (err) =>
          isOneKitError(err, 'CONFIG_INVALID') &&
          err.where.file === '/etc/one/oned.conf' &&
          err.where.line === 3 &&
          err.where.field === field,
      );
    });
  }

  it('points a missing key at the line of its vector', () => {
    assert.throws(
      () =>
        parseOnedConf('\n\nFEDERATION = [\n  ZONE_ID = 100,\n  SERVER_ID = 1\n]', { file: 'f' }),
      (err) =>
        isOneKitError(err, 'CONFIG_INVALID') &&
        err.where.line === 3 &&
        err.where.field === 'FEDERATION/MODE',
    );
  });

  it('reports template syntax errors as CONFIG_INVALID with their position', () => {
    assert.throws(
      () => parseOnedConf('PORT = 2633\nDB = [ BACKEND = "sqlite",\n', { file: 'oned.conf' }),
      (err) =>
        isOneKitError(err, 'CONFIG_INVALID') &&
        err.where.file === 'oned.conf' &&
        typeof err.where.line === 'number' &&
        isOneKitError(err.cause, 'TEMPLATE_SYNTAX'),
    );
  });

  describe('loadOnedConf', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'onekit-oned-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads the file and names it in errors', async () => {
      const file = join(dir, 'oned.conf');
      writeFileSync(file, 'PORT = 2700\n');
      assert.equal((await loadOnedConf(file)).port, 2700);
      writeFileSync(file, 'PORT = x\n');
      await assert.rejects(
        loadOnedConf(file),
        (err) => isOneKitError(err, 'CONFIG_INVALID') && err.where.file === file,
      );
    });

    it('reports a missing file as CONFIG_MISSING', async () => {
      const file = join(dir, 'nope.conf');
      await assert.rejects(
        loadOnedConf(file),
        (err) => isOneKitError(err, 'CONFIG_MISSING') && err.where.file === file,
      );
    });
  });
});
