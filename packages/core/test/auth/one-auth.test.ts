import assert from 'node:assert/strict';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAuthLine, readOneAuth, type TextFiles } from '../../src/auth/index.js';
import { isOneKitError } from '../../src/errors/index.js';
import { userOneFiles } from '../../src/paths/index.js';
import { scratch, type Scratch } from './fixture.js';

describe('auth/one-auth', () => {
  let s: Scratch;
  beforeEach(() => (s = scratch()));
  afterEach(() => s.remove());

  type Layout = { envFile?: boolean; envDir?: boolean; home?: boolean; service?: boolean };
  const table: Array<{
    name: string;
    layout: Layout;
    expect: 'env' | 'home' | 'service' | 'none';
  }> = [
    {
      name: '$ONE_AUTH wins over both files',
      layout: { envFile: true, home: true, service: true },
      expect: 'env',
    },
    {
      name: 'the home file wins over the service file',
      layout: { home: true, service: true },
      expect: 'home',
    },
    {
      name: 'a $ONE_AUTH that is not a file is skipped',
      layout: { envDir: true, home: true },
      expect: 'home',
    },
    { name: 'a missing $ONE_AUTH file is skipped', layout: { service: true }, expect: 'service' },
    { name: 'nothing anywhere', layout: {}, expect: 'none' },
  ];

  for (const row of table) {
    it(`precedence: ${row.name}`, () => {
      const envPath = join(s.root, 'env_auth');
      if (row.layout.envFile) s.write(envPath, 'envuser:envpass\n');
      if (row.layout.envDir) mkdirSync(envPath);
      if (row.layout.home) s.write(userOneFiles(s.home).oneAuth, 'homeuser:homepass\n');
      if (row.layout.service) s.write(s.paths.oneAuth, 'oneadmin:svcpass');
      const run = () => readOneAuth({ env: { ONE_AUTH: envPath }, home: s.home, paths: s.paths });
      if (row.expect === 'none') {
        assert.throws(
          run,
          (err) => isOneKitError(err, 'AUTH_FILE') && err.where.file === undefined,
        );
        return;
      }
      const files = { env: envPath, home: userOneFiles(s.home).oneAuth, service: s.paths.oneAuth };
      const users = { env: 'envuser', home: 'homeuser', service: 'oneadmin' };
      const auth = readOneAuth({ env: { ONE_AUTH: envPath }, home: s.home, paths: s.paths });
      assert.equal(auth.file, files[row.expect]);
      assert.equal(auth.user, users[row.expect]);
    });
  }

  it('skips the home file when there is no home directory', () => {
    s.write(s.paths.oneAuth, 'oneadmin:x');
    assert.equal(readOneAuth({ env: {}, home: undefined, paths: s.paths }).user, 'oneadmin');
  });

  it('splits at the first colon and strips trailing whitespace', () => {
    s.write(s.paths.oneAuth, 'oneadmin:pa:ss:word \n\n');
    const auth = readOneAuth({ env: {}, home: s.home, paths: s.paths });
    assert.deepEqual(auth, { user: 'oneadmin', password: 'pa:ss:word', file: s.paths.oneAuth });
  });

  for (const bad of ['no-colon', ':nouser', 'nopass:', 'a:b\nc:d', '']) {
    it(`names the file of a malformed line ${JSON.stringify(bad)}`, () => {
      const file = s.write(userOneFiles(s.home).oneAuth, bad);
      assert.throws(
        () => readOneAuth({ env: {}, home: s.home, paths: s.paths }),
        (err) => isOneKitError(err, 'AUTH_FILE') && err.where.file === file && err.where.line === 1,
      );
    });
  }

  it('never puts the file content in the message', () => {
    assert.throws(
      () => parseAuthLine('topsecretwithoutcolon', { file: 'f' }),
      (err) => err instanceof Error && !err.message.includes('topsecret'),
    );
  });

  it('reports an unreadable file with its name (not as absent)', function () {
    if (process.getuid?.() === 0) {
      // root reads every file: exercise the same path through an injected reader instead.
      const files: TextFiles = {
        read: () => {
          throw Object.assign(new Error('denied'), { code: 'EACCES' });
        },
      };
      assert.throws(
        () => readOneAuth({ env: {}, home: s.home, paths: s.paths, files }),
        (err) => isOneKitError(err, 'AUTH_FILE') && err.where.file === userOneFiles(s.home).oneAuth,
      );
      return;
    }
    const file = s.write(userOneFiles(s.home).oneAuth, 'a:b');
    chmodSync(file, 0);
    assert.throws(
      () => readOneAuth({ env: {}, home: s.home, paths: s.paths }),
      (err) => isOneKitError(err, 'AUTH_FILE') && err.where.file === file,
    );
  });
});
