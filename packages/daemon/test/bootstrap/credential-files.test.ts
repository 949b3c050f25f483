import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'mocha';
import { refuseExistingCredentialFiles, writeCredentialFiles } from '../../src/bootstrap/index.js';

describe('bootstrap/credential-files', () => {
  const root = mkdtempSync(join(tmpdir(), 'onekit-credentials-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('creates every file 0600 in a 0700 directory, and removes them on demand', () => {
    const directory = join(root, 'a', '.one');
    const files = ['oneflow_auth', 'onegate_auth'].map((f) => join(directory, f));
    const written = writeCredentialFiles({ directory, files, content: 'serveradmin:s\n' });
    assert.equal(statSync(directory).mode & 0o777, 0o700);
    for (const file of files) {
      assert.equal(readFileSync(file, 'utf8'), 'serveradmin:s\n');
      assert.equal(statSync(file).mode & 0o777, 0o600);
    }
    assert.doesNotThrow(() => refuseExistingCredentialFiles([join(directory, 'other')]));
    assert.throws(() => refuseExistingCredentialFiles(files), {
      code: 'DAEMON_START',
      where: { file: files[0] },
    });
    written.remove();
    assert.ok(files.every((f) => !existsSync(f)));
  });

  it('leaves nothing behind when one file cannot be created', () => {
    const directory = join(root, 'b');
    const blocker = join(root, 'b-blocker');
    writeFileSync(blocker, '');
    const files = [join(directory, 'first'), join(blocker, 'second')];
    assert.throws(() => writeCredentialFiles({ directory, files, content: 'x' }), {
      code: 'DAEMON_START',
    });
    assert.equal(existsSync(files[0]!), false);
  });
});
