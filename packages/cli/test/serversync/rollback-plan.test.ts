import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  planRollback,
  type BackupManifest,
  type ManifestFile,
} from '../../src/serversync/index.js';

const meta = { mode: 0o640, uid: 0, gid: 9869, size: 1, sha256: 'a'.repeat(64) };

const entry = (
  path: string,
  action: ManifestFile['action'],
  state: ManifestFile['state'],
  services = ['opennebula'],
): ManifestFile => ({
  path,
  action,
  state,
  ...(action === 'add' ? {} : { backup: `files/${path}`, before: meta }),
  services,
});

const manifest = (files: ManifestFile[]): BackupManifest => ({
  format: 1,
  id: '20260101T000000Z-000000',
  created: '2026-01-01T00:00:00.000Z',
  server: 'fe2',
  release: '7',
  etc: '/etc/one',
  state: 'running',
  files,
  services: ['opennebula', 'opennebula-flow'],
});

describe('serversync/rollback-plan', () => {
  it('restores copies and removes added files, newest change first', () => {
    const m = manifest([
      entry('oned.conf', 'replace', 'done'),
      entry('auth/new', 'add', 'done'),
      entry('hm/old', 'remove', 'done'),
      entry('oneflow-server.conf', 'replace', 'done', ['opennebula-flow']),
    ]);
    const plan = planRollback(m, {
      copies: new Set(['files/oned.conf', 'files/hm/old', 'files/oneflow-server.conf']),
      present: new Set(['oned.conf', 'auth/new', 'oneflow-server.conf']),
    });
    assert.deepEqual(
      plan.steps.map((s) => `${s.action} ${s.path}`),
      ['restore oneflow-server.conf', 'restore hm/old', 'remove auth/new', 'restore oned.conf'],
    );
    assert.deepEqual(plan.services, ['opennebula-flow', 'opennebula']);
    assert.deepEqual(plan.missing, []);
    const restore = plan.steps[0]!;
    assert.ok(restore.action === 'restore' && restore.meta.mode === 0o640);
  });

  it('undoes a run stopped half-way: a pending file counts when its copy exists', () => {
    const m = manifest([
      entry('oned.conf', 'replace', 'done'),
      // Copied, then the run stopped (before or after the write): the copy is put back.
      entry('monitord.conf', 'replace', 'pending'),
      // Never reached.
      entry('auth/a', 'replace', 'pending'),
      entry('auth/b', 'add', 'pending'),
    ]);
    const plan = planRollback(m, {
      copies: new Set(['files/oned.conf', 'files/monitord.conf']),
      present: new Set(['oned.conf', 'monitord.conf', 'auth/a']),
    });
    assert.deepEqual(
      plan.steps.map((s) => `${s.action} ${s.path}`),
      ['restore monitord.conf', 'restore oned.conf'],
    );
    assert.deepEqual(plan.services, ['opennebula']);
  });

  it('names done files whose copy is gone', () => {
    const plan = planRollback(manifest([entry('oned.conf', 'replace', 'done')]), {
      copies: new Set(),
      present: new Set(['oned.conf']),
    });
    assert.deepEqual(plan.missing, ['oned.conf']);
  });

  it('touches only files the manifest names (property)', () => {
    const files = fc.uniqueArray(
      fc.record({
        path: fc.stringMatching(/^[a-z]{1,4}(\/[a-z]{1,4})?$/),
        action: fc.constantFrom('replace' as const, 'add' as const, 'remove' as const),
        state: fc.constantFrom('pending' as const, 'done' as const),
      }),
      { selector: (f) => f.path, maxLength: 8 },
    );
    fc.assert(
      fc.property(files, fc.array(fc.stringMatching(/^[a-z]{1,4}$/)), (list, others) => {
        const m = manifest(list.map((f) => entry(f.path, f.action, f.state)));
        const all = [...list.map((f) => f.path), ...others];
        const plan = planRollback(m, {
          copies: new Set(list.map((f) => `files/${f.path}`)),
          present: new Set(all),
        });
        const named = new Set(list.map((f) => f.path));
        for (const step of plan.steps) assert.ok(named.has(step.path));
        assert.equal(plan.steps.length, list.length);
        assert.equal(new Set(plan.steps.map((s) => s.path)).size, plan.steps.length);
      }),
    );
  });
});
