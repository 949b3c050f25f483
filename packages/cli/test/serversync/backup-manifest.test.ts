import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  backupDir,
  backupId,
  backupsRoot,
  fileDone,
  isBackupId,
  manifestJson,
  parseManifest,
  startManifest,
  type SyncPlan,
} from '../../src/serversync/index.js';
import type { HostFile } from '../../src/transport/index.js';

const hostFile = (path: string, mode: number, sha256: string): HostFile => ({
  path,
  kind: 'file',
  size: 3,
  mode,
  uid: 0,
  gid: 9869,
  sha256,
});

const plan: SyncPlan = {
  release: '7',
  source: 'OpenNebula 7.x',
  server: 'fe2',
  here: { host: 'this host', etc: '/etc/one' },
  there: { host: 'fe2', etc: '/etc/one' },
  files: [
    {
      path: 'oned.conf',
      status: ['same'],
      action: 'none',
      services: ['opennebula'],
    },
    {
      path: 'monitord.conf',
      status: ['differs'],
      action: 'write',
      services: ['opennebula'],
      here: hostFile('monitord.conf', 0o640, 'a'.repeat(64)),
      there: hostFile('monitord.conf', 0o600, 'b'.repeat(64)),
    },
    {
      path: 'auth/new',
      status: ['only-there'],
      action: 'write',
      services: ['opennebula'],
      there: hostFile('auth/new', 0o644, 'c'.repeat(64)),
    },
    {
      path: 'hm/old',
      status: ['only-here'],
      action: 'remove',
      services: ['opennebula'],
      here: hostFile('hm/old', 0o755, 'd'.repeat(64)),
    },
    { path: 'hm/mine', status: ['only-here'], action: 'keep', services: ['opennebula'] },
  ],
  services: ['opennebula'],
  inSync: false,
};

describe('serversync/backup-manifest', () => {
  it('names backups by UTC time and a random part', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    assert.equal(
      backupId(at, () => 0.5),
      '20260102T030405Z-800000',
    );
    assert.equal(
      backupId(at, () => 0),
      '20260102T030405Z-000000',
    );
    assert.equal(
      backupId(at, () => 0.99999999),
      '20260102T030405Z-ffffff',
    );
    assert.equal(backupsRoot('/var/lib/one'), '/var/lib/one/backups/serversync');
    assert.equal(backupDir('/srv/h1/var', 'x'), '/srv/h1/var/backups/serversync/x');
    fc.assert(
      fc.property(
        fc.date({ min: new Date(0), max: new Date(Date.UTC(9999, 0)), noInvalidDate: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (date, r) => assert.ok(isBackupId(backupId(date, () => r))),
      ),
    );
    assert.ok(!isBackupId('../etc') && !isBackupId('20260102T030405Z-80000'));
  });

  it('lists every change of the plan as pending, with the copies and modes it needs', () => {
    const manifest = startManifest({ id: 'i', created: new Date(Date.UTC(2026, 0, 1)), plan });
    assert.equal(manifest.state, 'running');
    assert.equal(manifest.created, '2026-01-01T00:00:00.000Z');
    assert.deepEqual(manifest.services, ['opennebula']);
    assert.deepEqual(
      manifest.files.map((f) => [
        f.path,
        f.action,
        f.state,
        f.backup,
        f.before?.mode,
        f.after?.mode,
      ]),
      [
        ['monitord.conf', 'replace', 'pending', 'files/monitord.conf', 0o640, 0o600],
        ['auth/new', 'add', 'pending', undefined, undefined, 0o644],
        ['hm/old', 'remove', 'pending', 'files/hm/old', 0o755, undefined],
      ],
    );
    const done = fileDone(manifest, 'auth/new', {
      mode: 0o644,
      uid: 0,
      gid: 0,
      size: 1,
      sha256: 'e',
    });
    assert.deepEqual(
      done.files.map((f) => f.state),
      ['pending', 'done', 'pending'],
    );
    assert.equal(done.files[1]!.after?.sha256, 'e');
    assert.deepEqual(parseManifest(manifestJson(done), 'm.json'), done);
  });

  it('refuses a malformed manifest, naming the file and field', () => {
    const good = JSON.parse(manifestJson(startManifest({ id: 'i', created: new Date(0), plan })));
    const bad = (change: object) => manifestJson({ ...good, ...change });
    assert.throws(() => parseManifest('{', '/b/manifest.json'), {
      code: 'CONFIG_INVALID',
      where: { file: '/b/manifest.json' },
    });
    for (const [change, field] of [
      [{ format: 2 }, 'format'],
      [{ server: 3 }, 'server'],
      [{ release: '5.10' }, 'release'],
      [{ files: [{ ...good.files[0], path: '../../etc/passwd' }] }, 'files'],
      [{ files: [{ ...good.files[0], before: undefined }] }, 'files'],
      [{ services: [1] }, 'services'],
    ] as const) {
      assert.throws(() => parseManifest(bad(change), 'm'), {
        code: 'CONFIG_INVALID',
        where: { file: 'm', field },
      });
    }
  });
});
