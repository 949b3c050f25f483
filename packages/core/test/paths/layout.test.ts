import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isOneKitError } from '../../src/errors/index.js';
import { resolvePaths, serviceCredentialNames, type OnePaths } from '../../src/paths/index.js';

describe('paths/layout', () => {
  it('resolves the system-wide layout', () => {
    const p = resolvePaths();
    assert.equal(p.location, undefined);
    const expected: Partial<Record<keyof OnePaths, string>> = {
      etc: '/etc/one',
      var: '/var/lib/one',
      log: '/var/log/one',
      lockDir: '/var/lock/one',
      lock: '/var/lock/one/one',
      run: '/var/run/one',
      remotes: '/var/lib/one/remotes',
      hooks: '/var/lib/one/remotes/hooks',
      vms: '/var/lib/one/vms',
      datastores: '/var/lib/one/datastores',
      share: '/usr/share/one',
      mads: '/usr/lib/one/mads',
      oneDir: '/var/lib/one/.one',
      onedConf: '/etc/one/oned.conf',
      onedRunningConfig: '/var/lib/one/config',
      onedLog: '/var/log/one/oned.log',
      sqliteDb: '/var/lib/one/one.db',
      ec2QueryTemplates: '/etc/one/ec2query_templates',
      oneAuth: '/var/lib/one/.one/one_auth',
      oneEndpoint: '/var/lib/one/.one/one_endpoint',
      oneflowEndpoint: '/var/lib/one/.one/oneflow_endpoint',
    };
    for (const [key, value] of Object.entries(expected))
      assert.equal(p[key as keyof OnePaths], value, key);
    assert.deepEqual(p.serviceConfs, {
      oneflow: '/etc/one/oneflow-server.conf',
      onegate: '/etc/one/onegate-server.conf',
      econe: '/etc/one/econe.conf',
    });
    assert.deepEqual(p.serviceLogs, {
      oneflow: '/var/log/one/oneflow.log',
      onegate: '/var/log/one/onegate.log',
      econe: '/var/log/one/econe-server.log',
    });
    assert.equal(p.serviceCredentials.oneflow, '/var/lib/one/.one/oneflow_auth');
    assert.equal(p.serviceCredentials.onegate, '/var/lib/one/.one/onegate_auth');
    assert.equal(p.serviceCredentials.ec2, '/var/lib/one/.one/ec2_auth');
  });

  it('treats an empty ONE_LOCATION as unset', () => {
    assert.deepEqual(resolvePaths({ oneLocation: '' }), resolvePaths());
  });

  it('moves everything under ONE_LOCATION as oned does (logs, lock and run inside var)', () => {
    const p = resolvePaths({ oneLocation: '/srv/fe1' });
    assert.equal(p.location, '/srv/fe1');
    assert.equal(p.etc, '/srv/fe1/etc');
    assert.equal(p.var, '/srv/fe1/var');
    assert.equal(p.log, '/srv/fe1/var');
    assert.equal(p.lockDir, '/srv/fe1/var/lock');
    assert.equal(p.lock, '/srv/fe1/var/lock/.lock');
    assert.equal(p.run, '/srv/fe1/var/run');
    assert.equal(p.remotes, '/srv/fe1/var/remotes');
    assert.equal(p.hooks, '/srv/fe1/var/remotes/hooks');
    assert.equal(p.vms, '/srv/fe1/var/vms');
    assert.equal(p.share, '/srv/fe1/share');
    assert.equal(p.mads, '/srv/fe1/lib/mads');
    assert.equal(p.oneDir, '/srv/fe1/var/.one');
    assert.equal(p.onedConf, '/srv/fe1/etc/oned.conf');
    assert.equal(p.onedLog, '/srv/fe1/var/oned.log');
    assert.equal(p.sqliteDb, '/srv/fe1/var/one.db');
    assert.equal(p.serviceConfs.onegate, '/srv/fe1/etc/onegate-server.conf');
    assert.equal(p.serviceLogs.oneflow, '/srv/fe1/var/oneflow.log');
    assert.equal(p.serviceCredentials.sunstone, '/srv/fe1/var/.one/sunstone_auth');
  });

  it('normalizes trailing and doubled slashes in ONE_LOCATION', () => {
    assert.equal(resolvePaths({ oneLocation: '/srv//fe1/' }).onedConf, '/srv/fe1/etc/oned.conf');
  });

  it('refuses a relative ONE_LOCATION', () => {
    assert.throws(
      () => resolvePaths({ oneLocation: 'lab/fe1' }),
      (err) => isOneKitError(err, 'CONFIG_INVALID') && err.where.field === 'ONE_LOCATION',
    );
  });

  it('keeps every path of a self-contained root inside it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(\/[a-z0-9._-]{1,8}){1,4}$/), (root) => {
        fc.pre(!root.split('/').some((part) => part === '.' || part === '..'));
        const p = resolvePaths({ oneLocation: root });
        const all = [
          ...Object.values(p).filter((v): v is string => typeof v === 'string'),
          ...Object.values(p.serviceConfs),
          ...Object.values(p.serviceLogs),
          ...Object.values(p.serviceCredentials),
        ];
        for (const path of all) assert.ok(path.startsWith(`${root}/`) || path === root, path);
      }),
    );
  });

  it('has a credentials file for every service name', () => {
    const p = resolvePaths();
    assert.deepEqual(Object.keys(p.serviceCredentials).sort(), [...serviceCredentialNames].sort());
  });
});
