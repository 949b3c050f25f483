import assert from 'node:assert/strict';
import { versionLine, wantsVersion } from '../../src/launch/index.js';

describe('launch/version', () => {
  it('answers -V and --version anywhere before --', () => {
    assert.ok(wantsVersion(['-V']));
    assert.ok(wantsVersion(['--version']));
    assert.ok(wantsVersion(['list', '-V']));
    assert.ok(!wantsVersion(['list']));
    assert.ok(!wantsVersion(['template', '--', '-V']));
    assert.ok(!wantsVersion(['-v']));
  });

  it('prints name, version and the suite', () => {
    assert.equal(versionLine('onezone', '1.2.3'), 'onezone 1.2.3 (OneKit)\n');
  });
});
