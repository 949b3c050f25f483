import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { isOneKitError } from '@onekit/core';
import { AllowedRoots } from '../../src/files/index.js';

describe('files/allowed-roots', () => {
  let base: string;
  let etc: string;
  let outside: string;
  let roots: AllowedRoots;
  const refused = (file: string) => ({ code: 'PATH_REFUSED', where: { file } });

  beforeEach(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'onekit-roots-'));
    etc = path.join(base, 'etc');
    outside = path.join(base, 'outside');
    await mkdir(path.join(etc, 'auth'), { recursive: true });
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret'), 'x');
    roots = new AllowedRoots([etc, path.join(base, 'var', 'backups')]);
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  it('accepts files below a root, even in directories that do not exist yet', async () => {
    assert.equal(await roots.resolve(`${etc}/oned.conf`, 'entry'), `${etc}/oned.conf`);
    assert.equal(await roots.resolve(`${etc}/new/dir/x.conf`, 'entry'), `${etc}/new/dir/x.conf`);
    assert.equal(await roots.resolve(`${etc}/auth/`, 'directory'), `${etc}/auth`);
    assert.equal(await roots.resolve(etc, 'directory'), etc);
    const backups = path.join(base, 'var', 'backups', 'serversync', 'id');
    assert.equal(await roots.resolve(backups, 'directory'), backups);
  });

  it('refuses relative paths, ".." and absolute paths elsewhere', async () => {
    for (const file of [
      'etc/oned.conf',
      `${etc}/../outside/secret`,
      `${etc}/auth/../oned.conf`,
      '/etc/passwd',
      base,
    ]) {
      await assert.rejects(roots.resolve(file, 'entry'), refused(file));
    }
    await assert.rejects(roots.resolve('/tmp', 'directory'), refused('/tmp'));
  });

  it('refuses the root itself as a file', async () => {
    await assert.rejects(roots.resolve(etc, 'entry'), refused(etc));
  });

  it('refuses a path through a directory link that leads out of the root', async () => {
    await symlink(outside, path.join(etc, 'escape'));
    for (const use of ['entry', 'read', 'directory'] as const) {
      await assert.rejects(
        roots.resolve(`${etc}/escape/secret`, use),
        refused(`${etc}/escape/secret`),
      );
    }
    await assert.rejects(roots.resolve(`${etc}/escape`, 'directory'), refused(`${etc}/escape`));
  });

  it('reads through a link only when it points inside a root', async () => {
    await symlink(path.join(outside, 'secret'), path.join(etc, 'out-link'));
    await writeFile(path.join(etc, 'real.conf'), 'x');
    await symlink('real.conf', path.join(etc, 'in-link'));
    await assert.rejects(roots.resolve(`${etc}/out-link`, 'read'), refused(`${etc}/out-link`));
    assert.equal(await roots.resolve(`${etc}/in-link`, 'read'), `${etc}/in-link`);
    // Replacing or removing acts on the link itself, which is inside.
    assert.equal(await roots.resolve(`${etc}/out-link`, 'entry'), `${etc}/out-link`);
  });

  it('accepts a root that is itself a link, and paths through it', async () => {
    const linked = path.join(base, 'etc-link');
    await symlink(etc, linked);
    const viaLink = new AllowedRoots([linked]);
    assert.equal(await viaLink.resolve(`${linked}/oned.conf`, 'entry'), `${etc}/oned.conf`);
  });

  it('never returns a path outside the roots, whatever the path', async () => {
    const segment = fc.constantFrom('a', 'auth', '..', '.', 'escape', '', 'outside', 'etc');
    await symlink(outside, path.join(etc, 'escape'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { maxLength: 6 }),
        fc.constantFrom(etc, base, '/'),
        async (parts, start) => {
          const file = `${start}/${parts.join('/')}`;
          try {
            const resolved = await roots.resolve(file, 'entry');
            assert.ok(resolved.startsWith(`${etc}/`), `${file} resolved to ${resolved}`);
            assert.ok(!resolved.startsWith(`${etc}/escape/`), `${file} resolved to ${resolved}`);
          } catch (err) {
            if (!isOneKitError(err, 'PATH_REFUSED')) throw err;
          }
        },
      ),
    );
  });
});
