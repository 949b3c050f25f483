import assert from 'node:assert/strict';
import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HostFiles, backupName } from '../../src/files/index.js';

describe('files/host-files', () => {
  let base: string;
  let etc: string;
  let backups: string;
  let files: HostFiles;
  let suffixes: string[];

  beforeEach(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'onekit-files-'));
    etc = path.join(base, 'etc');
    backups = path.join(base, 'backups');
    await mkdir(etc);
    suffixes = ['aaaaaa', 'bbbbbb', 'cccccc'];
    files = new HostFiles({
      roots: [etc, backups],
      now: () => new Date('2024-05-01T12:00:00.123Z'),
      uniqueSuffix: () => suffixes.shift() ?? 'zzzzzz',
    });
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  it('names backups after the file, the UTC time and a random suffix', () => {
    const name = backupName('/etc/one/oned.conf', {
      now: () => new Date('2024-05-01T12:00:00.123Z'),
      uniqueSuffix: () => '3f9a1c',
    });
    assert.equal(name, 'oned.conf.20240501T120000Z.3f9a1c');
  });

  it('writes a new file 0644 in directories it creates', async () => {
    const result = await files.replace(`${etc}/auth/new.conf`, Buffer.from('A=1\n'));
    assert.deepEqual(result, {});
    assert.equal(await readFile(`${etc}/auth/new.conf`, 'utf8'), 'A=1\n');
    assert.equal((await stat(`${etc}/auth/new.conf`)).mode & 0o7777, 0o644);
  });

  it('replaces a file atomically, keeping its mode, after backing it up', async () => {
    await writeFile(`${etc}/oned.conf`, 'OLD\n', { mode: 0o640 });
    const result = await files.replace(`${etc}/oned.conf`, Buffer.from('NEW\n'), {
      backupDir: `${backups}/run1`,
    });
    assert.equal(result.backup, `${backups}/run1/oned.conf.20240501T120000Z.aaaaaa`);
    assert.equal(await readFile(result.backup!, 'utf8'), 'OLD\n');
    assert.equal((await stat(result.backup!)).mode & 0o7777, 0o640);
    assert.equal(await readFile(`${etc}/oned.conf`, 'utf8'), 'NEW\n');
    assert.equal((await stat(`${etc}/oned.conf`)).mode & 0o7777, 0o640);
    assert.deepEqual(await readdir(etc), ['oned.conf'], 'no temporary file is left');
  });

  it('gives two backups of one name in the same second names of their own', async () => {
    await writeFile(`${etc}/a`, '1');
    suffixes = ['same00', 'same00', 'other0'];
    const first = await files.replace(`${etc}/a`, Buffer.from('2'), { backupDir: backups });
    const second = await files.replace(`${etc}/a`, Buffer.from('3'), { backupDir: backups });
    assert.notEqual(first.backup, second.backup);
    assert.equal(await readFile(first.backup!, 'utf8'), '1');
    assert.equal(await readFile(second.backup!, 'utf8'), '2');
  });

  it('sets the mode and owner it is given', async () => {
    await files.replace(`${etc}/x`, Buffer.from('x'), { mode: 0o600, uid: 1234, gid: 4321 });
    const st = await stat(`${etc}/x`);
    assert.equal(st.mode & 0o7777, 0o600);
    assert.equal(st.uid, 1234);
    assert.equal(st.gid, 4321);
  });

  it('leaves the target as it was and no temporary file when the write fails', async () => {
    await mkdir(`${etc}/dir`);
    await writeFile(`${etc}/dir/inside`, 'keep');
    // A directory cannot be replaced by a file: the rename is never reached, nothing changes.
    await assert.rejects(files.replace(`${etc}/dir`, Buffer.from('x')), {
      code: 'HOST_FILE',
      where: { file: `${etc}/dir` },
    });
    assert.deepEqual(await readdir(etc), ['dir']);
    // A write that fails once the temporary file exists (here: setting an owner id that
    // does not exist on Linux) leaves the old content and no temporary file.
    await writeFile(`${etc}/conf`, 'old');
    await assert.rejects(files.replace(`${etc}/conf`, Buffer.from('new'), { uid: 2 ** 32 }), {
      code: 'HOST_FILE',
    });
    assert.equal(await readFile(`${etc}/conf`, 'utf8'), 'old');
    assert.deepEqual((await readdir(etc)).sort(), ['conf', 'dir']);
  });

  it('replaces a link with a file, backing up the link as a link', async () => {
    await writeFile(`${etc}/target`, 'T');
    await symlink('target', `${etc}/link`);
    const { backup } = await files.replace(`${etc}/link`, Buffer.from('F'), { backupDir: backups });
    assert.equal(await readlink(backup!), 'target');
    assert.ok((await lstat(`${etc}/link`)).isFile());
    assert.equal(await readFile(`${etc}/target`, 'utf8'), 'T', 'the link target is untouched');
  });

  it('removes a file after backing it up; a missing file is already removed', async () => {
    await writeFile(`${etc}/gone`, 'bye', { mode: 0o600 });
    const { backup } = await files.remove(`${etc}/gone`, { backupDir: backups });
    assert.equal(await readFile(backup!, 'utf8'), 'bye');
    await assert.rejects(lstat(`${etc}/gone`), { code: 'ENOENT' });
    assert.deepEqual(await files.remove(`${etc}/gone`, { backupDir: backups }), {});
  });

  it('reads files and says which one is missing', async () => {
    await writeFile(`${etc}/bin`, Buffer.from([0, 255, 10]));
    assert.deepEqual([...(await files.read(`${etc}/bin`))], [0, 255, 10]);
    await assert.rejects(files.read(`${etc}/none`), {
      code: 'HOST_FILE',
      where: { file: `${etc}/none` },
    });
    await assert.rejects(files.read(etc + '/'), { code: 'PATH_REFUSED' });
  });

  it('refuses a backup directory outside the roots before touching the file', async () => {
    await writeFile(`${etc}/a`, 'old');
    await assert.rejects(files.replace(`${etc}/a`, Buffer.from('new'), { backupDir: '/tmp' }), {
      code: 'PATH_REFUSED',
      where: { file: '/tmp' },
    });
    assert.equal(await readFile(`${etc}/a`, 'utf8'), 'old');
  });

  it('lists a root through the inventory, and refuses one outside', async () => {
    await writeFile(`${etc}/b`, 'b');
    await mkdir(`${etc}/sub`);
    await writeFile(`${etc}/sub/a`, 'a');
    assert.deepEqual(
      (await files.list(etc)).map((f) => f.path),
      ['b', 'sub/a'],
    );
    await assert.rejects(files.list(base), { code: 'PATH_REFUSED' });
    await assert.rejects(files.list(`${etc}/missing`), { code: 'HOST_FILE' });
  });
});
