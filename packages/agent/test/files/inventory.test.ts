import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listFiles } from '../../src/files/index.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('files/inventory', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'onekit-inventory-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('lists nested files sorted by path with size, mode and SHA-256', async () => {
    await mkdir(path.join(root, 'auth/certs'), { recursive: true });
    await writeFile(path.join(root, 'oned.conf'), 'PORT = 2633\n');
    await writeFile(path.join(root, 'auth/certs/ca.pem'), 'CA');
    await chmod(path.join(root, 'oned.conf'), 0o640);

    const files = await listFiles(root);
    assert.deepEqual(
      files.map((f) => [f.path, f.kind, f.size, f.sha256]),
      [
        ['auth/certs/ca.pem', 'file', 2, sha('CA')],
        ['oned.conf', 'file', 12, sha('PORT = 2633\n')],
      ],
    );
    assert.equal(files.find((f) => f.path === 'oned.conf')!.mode, 0o640);
    assert.equal(files[0]!.uid, process.getuid!());
  });

  it('reports symbolic links without following them out of the root', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'onekit-outside-'));
    try {
      await writeFile(path.join(outside, 'secret'), 'do not read');
      await symlink(path.join(outside, 'secret'), path.join(root, 'link'));
      const [link] = await listFiles(root);
      assert.equal(link!.kind, 'symlink');
      assert.equal(link!.target, path.join(outside, 'secret'));
      assert.equal(link!.sha256, sha(path.join(outside, 'secret')));
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('returns nothing for an empty root', async () => {
    assert.deepEqual(await listFiles(root), []);
  });
});
