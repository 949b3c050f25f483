import assert from 'node:assert/strict';
import { runBin } from '../../process/run-bin.js';

describe('commands/onekit/paths (process)', () => {
  it('prints the system-wide layout without ONE_LOCATION', async () => {
    const result = await runBin('onekit', ['paths'], { env: { HOME: '/home/oneadmin' } });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^layout +: system-wide$/m);
    assert.match(result.stdout, /^onedConf +: \/etc\/one\/oned\.conf$/m);
    assert.match(result.stdout, /^user\.oneAuth +: \/home\/oneadmin\/\.one\/one_auth$/m);
  });

  it('follows ONE_LOCATION, and --location over it, in JSON and YAML', async () => {
    const json = await runBin('onekit', ['paths', '--json'], { env: { ONE_LOCATION: '/opt/one' } });
    assert.equal(json.status, 0, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.equal(report.layout, 'self-contained');
    assert.equal(report.paths.sqliteDb, '/opt/one/var/one.db');
    const yaml = await runBin('onekit', ['paths', '-y', '--location', '/srv/h1'], {
      env: { ONE_LOCATION: '/opt/one' },
    });
    assert.match(yaml.stdout, /^ {2}onedConf: \/srv\/h1\/etc\/oned\.conf$/m);
  });

  it('exits 1 on a relative ONE_LOCATION, naming it', async () => {
    const result = await runBin('onekit', ['paths', '--json'], {
      env: { ONE_LOCATION: 'relative/dir' },
    });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.deepEqual(JSON.parse(result.stderr).error.where, { field: 'ONE_LOCATION' });
  });
});
