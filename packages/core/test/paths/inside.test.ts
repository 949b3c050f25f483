import assert from 'node:assert/strict';
import { isOneKitError } from '../../src/errors/index.js';
import { etcFile, hookCommandPath, resolvePaths, varFile } from '../../src/paths/index.js';

describe('paths/inside', () => {
  const system = resolvePaths();
  const lab = resolvePaths({ oneLocation: '/lab/fe2' });

  it('names files below etc and var for both layouts', () => {
    assert.equal(etcFile(system, 'sunstone-server.conf'), '/etc/one/sunstone-server.conf');
    assert.equal(etcFile(lab, 'cli/onezone.yaml'), '/lab/fe2/etc/cli/onezone.yaml');
    assert.equal(varFile(system, 'datastores/0'), '/var/lib/one/datastores/0');
  });

  for (const bad of ['../passwd', '/etc/passwd', '', 'a/../../x']) {
    it(`refuses ${JSON.stringify(bad)}, which is not inside the directory`, () => {
      assert.throws(
        () => etcFile(system, bad),
        (err) => isOneKitError(err, 'CONFIG_INVALID'),
      );
    });
  }

  it('resolves relative hook commands below the hooks directory', () => {
    assert.equal(hookCommandPath(system, 'raft/vip.sh'), '/var/lib/one/remotes/hooks/raft/vip.sh');
    assert.equal(hookCommandPath(lab, 'raft/vip.sh'), '/lab/fe2/var/remotes/hooks/raft/vip.sh');
    assert.equal(hookCommandPath(system, '/usr/local/bin/vip'), '/usr/local/bin/vip');
  });
});
