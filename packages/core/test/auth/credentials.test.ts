import assert from 'node:assert/strict';
import { resolveCredentials } from '../../src/auth/index.js';
import { isOneKitError } from '../../src/errors/index.js';
import { scratch, type Scratch } from './fixture.js';

describe('auth/credentials', () => {
  let s: Scratch;
  beforeEach(() => {
    s = scratch();
    s.write(s.paths.oneAuth, 'oneadmin:fromfile');
  });
  afterEach(() => s.remove());

  const base = () => ({ env: {}, home: s.home, paths: s.paths });

  it('uses the flags when both are given', () => {
    assert.deepEqual(resolveCredentials({ ...base(), user: 'ana', password: 'pw' }), {
      user: 'ana',
      password: 'pw',
    });
  });

  it('falls back to the ONE_AUTH file', () => {
    assert.deepEqual(resolveCredentials(base()), { user: 'oneadmin', password: 'fromfile' });
  });

  it('asks for --password when only --user is given', () => {
    assert.throws(
      () => resolveCredentials({ ...base(), user: 'ana' }),
      (err) => isOneKitError(err, 'FLAG_REQUIRED') && err.where.field === 'password',
    );
  });

  it('asks for --user when only --password is given', () => {
    assert.throws(
      () => resolveCredentials({ ...base(), password: 'pw' }),
      (err) => isOneKitError(err, 'FLAG_REQUIRED') && err.where.field === 'user',
    );
  });

  it('reports a missing ONE_AUTH file', () => {
    s.remove();
    assert.throws(
      () => resolveCredentials(base()),
      (err) => isOneKitError(err, 'AUTH_FILE'),
    );
  });
});
