import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  defaultOnedConfig,
  defaultOnedConfText,
  federationModes,
  parseOnedConf,
  renderOnedConf,
  type OnedConf,
  type OnedConfig,
} from '../../../src/config/index.js';
import { isOneKitError } from '../../../src/errors/index.js';

function typed(conf: OnedConf): OnedConfig {
  const { template: _template, ...config } = conf;
  return config;
}

const roundTrip = (config: OnedConfig) => typed(parseOnedConf(renderOnedConf(config)));

describe('config/oned/render', () => {
  it('writes a default file that parses back to the defaults', () => {
    assert.deepEqual(typed(parseOnedConf(defaultOnedConfText())), defaultOnedConfig());
  });

  it('lists the keys it configures, with the hooks and OneGate commented out', () => {
    const text = defaultOnedConfText();
    for (const key of [
      'PORT',
      'LISTEN_ADDRESS',
      'DB',
      'FEDERATION',
      'RAFT',
      'ELECTION_TIMEOUT_MS',
      'MASTER_ONED',
    ]) {
      assert.match(text, new RegExp(`^\\s*${key}\\s*=`, 'm'), key);
    }
    for (const key of ['RAFT_LEADER_HOOK', 'RAFT_FOLLOWER_HOOK', 'ONEGATE_ENDPOINT']) {
      assert.match(text, new RegExp(`^# ${key} =`, 'm'), key);
    }
  });

  it('round-trips a MySQL slave with hooks and OneGate', () => {
    const d = defaultOnedConfig();
    const config: OnedConfig = {
      ...d,
      port: 2700,
      listenAddress: '127.0.0.3',
      db: {
        ...d.db,
        backend: 'mysql',
        server: 'db',
        port: 3306,
        passwd: 'p"w',
        encoding: 'utf8',
        compareBinary: true,
      },
      federation: {
        mode: 'SLAVE',
        zoneId: 100,
        serverId: 1,
        masterOned: 'http://m:2633/RPC2',
        masterOnedGrpc: '',
      },
      raft: { ...d.raft, electionTimeoutMs: 2500, xmlrpcTimeoutMs: 0 },
      raftLeaderHook: { command: 'raft/vip.sh', arguments: 'leader eth0 10.0.0.2/24' },
      raftFollowerHook: { command: '/opt/vip', arguments: 'follower eth0 10.0.0.2/24' },
      onegateEndpoint: 'http://169.254.16.9:5030',
    };
    assert.deepEqual(roundTrip(config), config);
  });

  it('round-trips any valid configuration', () => {
    const name = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((s) => !s.endsWith('\\') && !s.includes(']]>') && s.trim() === s && s !== '');
    const hook = fc.option(fc.record({ command: name, arguments: name }), { nil: undefined });
    const arb = fc
      .record({
        port: fc.integer({ min: 0, max: 65535 }),
        listenAddress: name,
        db: fc.record({
          backend: fc.constantFrom('sqlite' as const, 'mysql' as const),
          server: name,
          port: fc.integer({ min: 0, max: 65535 }),
          user: name,
          passwd: fc
            .string({ maxLength: 12 })
            .filter((s) => !s.endsWith('\\') && !s.includes(']]>')),
          dbName: name,
          connections: fc.integer({ min: 1, max: 500 }),
          encoding: fc.constantFrom('', 'utf8mb4'),
          compareBinary: fc.boolean(),
          timeoutMs: fc.nat(100000),
          errorsLimit: fc.integer({ min: -1, max: 100 }),
        }),
        mode: fc.constantFrom(...federationModes),
        zoneId: fc.nat(1000),
        serverId: fc.integer({ min: -1, max: 10 }),
        masterOned: name,
        broadcastTimeoutMs: fc.integer({ min: 1, max: 1000 }),
        electionExtra: fc.integer({ min: 1, max: 10000 }),
        raftLeaderHook: hook,
        raftFollowerHook: hook,
        onegateEndpoint: fc.option(name, { nil: undefined }),
      })
      .map((r): OnedConfig => {
        const config: OnedConfig = {
          port: r.port,
          listenAddress: r.listenAddress,
          db: { ...r.db },
          federation: {
            mode: r.mode,
            zoneId: r.mode === 'STANDALONE' ? 0 : r.zoneId,
            serverId: r.serverId,
            masterOned: r.masterOned,
            masterOnedGrpc: '',
          },
          raft: {
            ...defaultOnedConfig().raft,
            broadcastTimeoutMs: r.broadcastTimeoutMs,
            electionTimeoutMs: r.broadcastTimeoutMs + r.electionExtra,
          },
        };
        if (r.raftLeaderHook) config.raftLeaderHook = { ...r.raftLeaderHook };
        if (r.raftFollowerHook) config.raftFollowerHook = { ...r.raftFollowerHook };
        if (r.onegateEndpoint) config.onegateEndpoint = r.onegateEndpoint;
        return config;
      });
    fc.assert(
      fc.property(arb, (config) => assert.deepEqual(roundTrip(config), config)),
      { numRuns: 200 },
    );
  });

  it('refuses a value template syntax cannot carry', () => {
    const d = defaultOnedConfig();
    assert.throws(
      () => renderOnedConf({ ...d, db: { ...d.db, passwd: 'ends\\' } }),
      (err) => isOneKitError(err, 'CONFIG_INVALID') && err.where.field === 'DB/PASSWD',
    );
  });
});
