import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readServerCredentials } from '../../src/auth/index.js';
import { isOneKitError } from '../../src/errors/index.js';
import { scratch, type Scratch } from './fixture.js';

describe('auth/server-credentials', () => {
  let s: Scratch;
  beforeEach(() => (s = scratch()));
  afterEach(() => s.remove());

  it("reads the service's file under the .one directory", () => {
    s.write(s.paths.serviceCredentials.oneflow, 'serveradmin:abc123\n');
    assert.deepEqual(readServerCredentials({ service: 'oneflow', env: {}, paths: s.paths }), {
      serverUser: 'serveradmin',
      secret: 'abc123',
      file: s.paths.serviceCredentials.oneflow,
    });
  });

  it('prefers $ONE_CIPHER_AUTH', () => {
    s.write(s.paths.serviceCredentials.onegate, 'serveradmin:fromfile');
    const other = s.write(join(s.root, 'cipher'), 'serveradmin:fromenv');
    const got = readServerCredentials({
      service: 'onegate',
      env: { ONE_CIPHER_AUTH: other },
      paths: s.paths,
    });
    assert.equal(got.secret, 'fromenv');
  });

  it('names the missing file', () => {
    assert.throws(
      () => readServerCredentials({ service: 'ec2', env: {}, paths: s.paths }),
      (err) => isOneKitError(err, 'AUTH_FILE') && err.where.file === s.paths.serviceCredentials.ec2,
    );
  });

  it('names a malformed file', () => {
    s.write(s.paths.serviceCredentials.oneflow, 'justasecret');
    assert.throws(
      () => readServerCredentials({ service: 'oneflow', env: {}, paths: s.paths }),
      (err) =>
        isOneKitError(err, 'AUTH_FILE') && err.where.file === s.paths.serviceCredentials.oneflow,
    );
  });
});
