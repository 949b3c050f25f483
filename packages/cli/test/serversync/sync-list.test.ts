import assert from 'node:assert/strict';
import {
  entryFor,
  isSyncRelease,
  onedConfEntry,
  syncList,
  syncReleases,
} from '../../src/serversync/index.js';

const summary = (release: '7' | '6' | '5.12') =>
  syncList(release).entries.map(
    (e) => `${e.kind === 'folder' ? `${e.path}/` : e.path} → ${e.services.join('+')}`,
  );

describe('serversync/sync-list', () => {
  it('is OpenNebula 7.x’s list by default', () => {
    assert.equal(syncList().release, '7');
    assert.equal(syncList().source, 'OpenNebula 7.x');
    assert.deepEqual(summary('7'), [
      'oned.conf → opennebula',
      'monitord.conf → opennebula',
      'oneflow-server.conf → opennebula-flow',
      'onegate-server.conf → opennebula-gate',
      'auth/ → opennebula',
      'hm/ → opennebula',
      'vmm_exec/ → opennebula',
      'schedulers/ → opennebula',
    ]);
  });

  it('keeps the 6.x and 5.12 lists beside it', () => {
    const six = summary('6');
    for (const line of [
      'sched.conf → opennebula',
      'sunstone-server.conf → opennebula-sunstone',
      'sunstone-views/ → opennebula-sunstone+opennebula',
      'ec2_driver.default → opennebula',
    ]) {
      assert.ok(six.includes(line), line);
    }
    assert.ok(!six.includes('schedulers/ → opennebula'));
    const old = summary('5.12');
    assert.ok(old.includes('econe.conf → opennebula-econe'));
    assert.ok(old.includes('ec2query_templates/ → opennebula'));
    assert.equal(old.length, six.length + 2);
    assert.deepEqual([...syncReleases], ['7', '6', '5.12']);
    assert.ok(isSyncRelease('5.12') && !isSyncRelease('5.10'));
  });

  it('places files under their entry: exact files, and anything below a folder', () => {
    const list = syncList('7');
    assert.equal(entryFor(list, 'monitord.conf')?.services[0], 'opennebula');
    assert.equal(entryFor(list, 'auth/ldap_auth.conf')?.path, 'auth');
    assert.equal(entryFor(list, 'vmm_exec/deep/x.conf')?.path, 'vmm_exec');
    assert.equal(entryFor(list, 'authx/file'), undefined);
    assert.equal(entryFor(list, 'auth'), undefined);
    assert.equal(entryFor(list, 'sched.conf'), undefined);
    assert.equal(onedConfEntry(list).path, 'oned.conf');
  });
});
