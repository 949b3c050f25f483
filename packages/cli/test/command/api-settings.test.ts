import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiSettings, type ApiFlagValues } from '../../src/command/index.js';
import { testIO } from '../../src/io/index.js';
import { scriptedPrompter } from '../../src/prompt/index.js';

describe('command/api-settings', () => {
  let home: string;
  let location: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'onekit-home-'));
    location = mkdtempSync(join(tmpdir(), 'onekit-root-'));
    mkdirSync(join(home, '.one'));
    mkdirSync(join(location, 'var', '.one'), { recursive: true });
  });
  afterEach(() => {
    rmSync(home, { recursive: true, force: true });
    rmSync(location, { recursive: true, force: true });
  });

  const settings = (
    flags: ApiFlagValues,
    env: Record<string, string> = {},
    tty = false,
    answers = {},
  ) =>
    apiSettings({
      flags,
      env: { ONE_LOCATION: location, ...env },
      home,
      io: testIO({ tty }),
      prompter: scriptedPrompter(answers),
    });

  it('takes the endpoint from the flag, then ONE_XMLRPC, then ~/.one, then the service account, then the default', () => {
    assert.equal(settings({}).endpoint, 'http://localhost:2633/RPC2');
    writeFileSync(join(location, 'var', '.one', 'one_endpoint'), 'http://service:2633/RPC2\n');
    assert.equal(settings({}).endpoint, 'http://service:2633/RPC2');
    writeFileSync(join(home, '.one', 'one_endpoint'), 'http://user:2633/RPC2\n');
    assert.equal(settings({}).endpoint, 'http://user:2633/RPC2');
    assert.equal(
      settings({}, { ONE_XMLRPC: 'http://env:2633/RPC2' }).endpoint,
      'http://env:2633/RPC2',
    );
    assert.equal(
      settings({ endpoint: 'http://flag:2633/RPC2' }, { ONE_XMLRPC: 'http://env:2633/RPC2' })
        .endpoint,
      'http://flag:2633/RPC2',
    );
  });

  it('takes credentials from the flags, else the ONE_AUTH file', async () => {
    writeFileSync(join(home, '.one', 'one_auth'), 'oneadmin:opennebula\n');
    assert.deepEqual(await settings({}).credentials(), {
      user: 'oneadmin',
      password: 'opennebula',
    });
    assert.deepEqual(await settings({ user: 'alice', password: 'pw' }).credentials(), {
      user: 'alice',
      password: 'pw',
    });
  });

  it('asks for the password of --user on a terminal, and requires --password otherwise', async () => {
    const asked = settings({ user: 'alice' }, {}, true, { 'Password for alice': 'typed' });
    assert.deepEqual(await asked.credentials(), { user: 'alice', password: 'typed' });
    await assert.rejects(settings({ user: 'alice' }).credentials(), {
      code: 'FLAG_REQUIRED',
      where: { field: 'password' },
    });
  });

  it('reports a missing ONE_AUTH file only when credentials are needed', async () => {
    const lazy = settings({});
    assert.equal(lazy.endpoint, 'http://localhost:2633/RPC2');
    await assert.rejects(lazy.credentials(), { code: 'AUTH_FILE' });
  });
});
