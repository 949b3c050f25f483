import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { defaultOnedConfig, parseOnedConf, renderOnedConf, type OnedConfig } from '@onekit/core';
import { localZoneEndpoint, planBootstrap } from '../../src/bootstrap/index.js';

describe('bootstrap/database-versions', () => {
  it('plans a bootstrap of the parts that have no version row', () => {
    const standalone = { standalone: true };
    assert.deepEqual(planBootstrap({ shared: undefined, local: undefined }, standalone), {
      local: true,
      shared: true,
    });
    assert.deepEqual(planBootstrap({ shared: undefined, local: '7.6.1' }, standalone), {
      local: false,
      shared: true,
    });
    assert.deepEqual(planBootstrap({ shared: '7.6.0', local: '7.6.1' }, standalone), {
      local: false,
      shared: false,
    });
    assert.deepEqual(planBootstrap({ shared: '7.6.0', local: '7.6.1' }, { standalone: false }), {
      local: false,
      shared: false,
    });
  });

  it('refuses other schema versions, naming the table and what to do', () => {
    assert.throws(() => planBootstrap({ shared: '7.6.0', local: '7.4.0' }, { standalone: true }), {
      code: 'DAEMON_START',
      where: { field: 'local_db_versioning' },
      message: /existing DB version is '7\.4\.0'\. Upgrade the database first: onedb upgrade\.$/,
    });
    assert.throws(() => planBootstrap({ shared: '7.10.0', local: '7.6.1' }, { standalone: true }), {
      code: 'DAEMON_START',
      where: { field: 'db_versioning' },
      message: /newer than this release/,
    });
  });

  it('refuses a database whose upgrade was interrupted, naming the backup', () => {
    const versions = {
      shared: '7.6.0',
      local: '7.6.1',
      interruptedUpgrade: { backup: '/var/lib/one/before.bck', started: 1 },
    };
    assert.throws(() => planBootstrap(versions, { standalone: true }), {
      code: 'DAEMON_START',
      where: { field: 'system_attributes' },
      message: /restore \/var\/lib\/one\/before\.bck .*run onedb upgrade again/,
    });
  });

  it('bootstraps only a standalone solo server', () => {
    assert.throws(
      () => planBootstrap({ shared: undefined, local: '7.6.1' }, { standalone: false }),
      {
        code: 'DAEMON_START',
        where: { field: 'FEDERATION/MODE' },
      },
    );
  });
});

describe('bootstrap/localZoneEndpoint', () => {
  const endpoint = (change: (c: OnedConfig) => void): string => {
    const config = defaultOnedConfig();
    change(config);
    return localZoneEndpoint(parseOnedConf(renderOnedConf(config)));
  };

  it('names the listen address and port, localhost for a wildcard, brackets for IPv6', () => {
    assert.equal(
      endpoint(() => undefined),
      'http://127.0.0.1:2633/RPC2',
    );
    assert.equal(
      endpoint((c) => Object.assign(c, { listenAddress: '0.0.0.0', port: 2700 })),
      'http://localhost:2700/RPC2',
    );
    assert.equal(
      endpoint((c) => Object.assign(c, { listenAddress: '::' })),
      'http://localhost:2633/RPC2',
    );
    assert.equal(
      endpoint((c) => Object.assign(c, { listenAddress: '::1' })),
      'http://[::1]:2633/RPC2',
    );
  });

  it('uses MASTER_ONED when it is set', () => {
    assert.equal(
      endpoint((c) => void (c.federation.masterOned = 'http://master:2633/RPC2')),
      'http://master:2633/RPC2',
    );
  });
});
