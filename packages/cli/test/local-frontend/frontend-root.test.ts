import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOnedConf } from '@onekit/core';
import { clientEndpoint, prepareRoot, readRoot } from '../../src/local-frontend/index.js';
import { frontendLocation } from '../../src/local-frontend/location.js';

describe('local-frontend/frontend-root', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-root-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates oned.conf and a 0600 one_auth once, and reuses them', async () => {
    let secrets = 0;
    const randomSecret = () => `secret-${++secrets}`;
    const location = join(dir, 'fe');
    const first = await prepareRoot({ location, address: '127.0.0.5', port: 2700, randomSecret });
    assert.deepEqual(first.created, [first.paths.onedConf, first.paths.oneAuth]);
    assert.equal(first.endpoint, 'http://127.0.0.5:2700/RPC2');
    const conf = await loadOnedConf(first.paths.onedConf);
    assert.deepEqual(
      [conf.listenAddress, conf.port, conf.federation.mode],
      ['127.0.0.5', 2700, 'STANDALONE'],
    );
    assert.equal(readFileSync(first.paths.oneAuth, 'utf8'), 'oneadmin:secret-1\n');
    assert.equal(statSync(first.paths.oneAuth).mode & 0o777, 0o600);
    assert.equal(statSync(first.paths.oneDir).mode & 0o777, 0o700);

    const again = await prepareRoot({ location, randomSecret });
    assert.deepEqual(again.created, []);
    assert.equal(again.endpoint, first.endpoint);
    assert.equal(readFileSync(first.paths.oneAuth, 'utf8'), 'oneadmin:secret-1\n');
    assert.equal(secrets, 1);
  });

  it('refuses an address or port that differs from an existing root', async () => {
    const location = join(dir, 'fe');
    await prepareRoot({ location, randomSecret: () => 'x' });
    await assert.rejects(prepareRoot({ location, port: 2700, randomSecret: () => 'x' }), {
      code: 'FLAG_INVALID',
      where: { field: 'port' },
    });
    await assert.rejects(prepareRoot({ location, address: '127.0.0.9', randomSecret: () => 'x' }), {
      code: 'FLAG_INVALID',
      where: { field: 'address' },
    });
    assert.equal((await prepareRoot({ location, port: 2633, randomSecret: () => 'x' })).port, 2633);
  });

  it('names the missing oned.conf of a directory that is no root', async () => {
    await assert.rejects(readRoot(dir), {
      code: 'CONFIG_MISSING',
      where: { file: join(dir, 'etc', 'oned.conf') },
    });
  });

  it('reaches wildcard addresses through loopback', () => {
    assert.equal(clientEndpoint('0.0.0.0', 2633), 'http://127.0.0.1:2633/RPC2');
    assert.equal(clientEndpoint('::', 2633), 'http://[::1]:2633/RPC2');
    assert.equal(clientEndpoint('fd00::2', 80), 'http://[fd00::2]:80/RPC2');
  });

  it('takes --location, then ONE_LOCATION, then ./.onekit', () => {
    const cwd = '/home/me/lab';
    assert.equal(
      frontendLocation('fe1', { env: { ONE_LOCATION: '/opt/one' }, cwd }),
      '/home/me/lab/fe1',
    );
    assert.equal(
      frontendLocation(undefined, { env: { ONE_LOCATION: '/opt/one' }, cwd }),
      '/opt/one',
    );
    assert.equal(
      frontendLocation(undefined, { env: { ONE_LOCATION: '' }, cwd }),
      '/home/me/lab/.onekit',
    );
  });
});
