import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolvePaths } from '@onekit/core';
import {
  defaultAgentConfig,
  fileRoots,
  loadAgentConfig,
  parseAgentConfig,
} from '../../src/config/index.js';

const paths = resolvePaths({ oneLocation: '/srv/one' });
const FILE = '/srv/one/etc/onekit-agent.yaml';
const invalid = (line: number, field: string) => ({
  code: 'CONFIG_INVALID',
  where: { file: FILE, line, field },
});

describe('config/load-agent-config', () => {
  it('takes the defaults for an empty file', () => {
    const config = parseAgentConfig('', paths, FILE);
    assert.deepEqual(config, defaultAgentConfig(paths));
    assert.equal(config.listenAddress, '127.0.0.1');
    assert.equal(config.port, 2635);
    assert.equal(config.tokenFile, '/srv/one/var/.one/agent_token');
    assert.equal(config.logFile, '/srv/one/var/onekit-agent.log');
    assert.deepEqual(fileRoots(config, paths), ['/srv/one/etc', '/srv/one/var/backups/serversync']);
    assert.equal(config.serviceManager, 'auto');
    assert.deepEqual(Object.keys(config.services), ['opennebula']);
  });

  it('reads every key', () => {
    const config = parseAgentConfig(
      [
        'listen_address: 10.0.0.5',
        'port: 9000',
        'token_file: /root/token',
        'tls:',
        '  cert: /etc/ssl/agent.crt',
        '  key: /etc/ssl/agent.key',
        'allowed_roots: [/etc/one, /var/lib/one/remotes]',
        'service_manager: supervisor',
        'services:',
        '  opennebula:',
        '    command: /usr/bin/onekit-daemon',
        '    args: [--verbose]',
        '    env: { ONE_LOCATION: /srv/one }',
        'onedb: { command: /usr/bin/onedb }',
        'log_file: /var/log/agent.log',
      ].join('\n'),
      paths,
      FILE,
    );
    assert.deepEqual(config, {
      listenAddress: '10.0.0.5',
      port: 9000,
      tokenFile: '/root/token',
      tls: { cert: '/etc/ssl/agent.crt', key: '/etc/ssl/agent.key' },
      allowedRoots: ['/etc/one', '/var/lib/one/remotes'],
      serviceManager: 'supervisor',
      services: {
        opennebula: {
          command: '/usr/bin/onekit-daemon',
          args: ['--verbose'],
          env: { ONE_LOCATION: '/srv/one' },
        },
      },
      onedb: { command: '/usr/bin/onedb', args: [] },
      logFile: '/var/log/agent.log',
    });
  });

  it('names the file, line and key of a wrong value', () => {
    assert.throws(() => parseAgentConfig('port: 2635\nport: 1', paths, FILE), {
      code: 'CONFIG_INVALID',
      where: { file: FILE, line: 2, column: 1 },
    });
    assert.throws(() => parseAgentConfig('\nport: 70000\n', paths, FILE), invalid(2, 'port'));
    assert.throws(
      () => parseAgentConfig('listen_address: localhost', paths, FILE),
      invalid(1, 'listen_address'),
    );
    assert.throws(
      () => parseAgentConfig('tls:\n  cert: /a.crt\n', paths, FILE),
      invalid(1, 'tls.key'),
    );
    assert.throws(
      () => parseAgentConfig('allowed_roots:\n  - /etc/one\n  - etc\n', paths, FILE),
      invalid(3, 'allowed_roots[1]'),
    );
    assert.throws(
      () => parseAgentConfig('services:\n  x:\n    command: a\n    env: { A: 1 }\n', paths, FILE),
      invalid(4, 'services.x.env.A'),
    );
    assert.throws(
      () => parseAgentConfig('service_manager: upstart', paths, FILE),
      invalid(1, 'service_manager'),
    );
  });

  it('refuses a key it does not know, so a typo cannot fall back to a default', () => {
    assert.throws(
      () => parseAgentConfig('port: 1\nallowed_root: [/]\n', paths, FILE),
      invalid(2, 'allowed_root'),
    );
  });

  describe('loading', () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'onekit-agent-config-'));
    });
    after(() => rm(dir, { recursive: true, force: true }));

    it('uses the defaults when the default file is missing, but not a named one', async () => {
      const missing = path.join(dir, 'none.yaml');
      assert.deepEqual(
        await loadAgentConfig(paths, missing, { required: false }),
        defaultAgentConfig(paths),
      );
      await assert.rejects(loadAgentConfig(paths, missing, { required: true }), {
        code: 'CONFIG_MISSING',
        where: { file: missing },
      });
    });

    it('reads a file', async () => {
      const file = path.join(dir, 'agent.yaml');
      await writeFile(file, 'port: 4000\n');
      assert.equal((await loadAgentConfig(paths, file, { required: true })).port, 4000);
    });
  });
});
