import assert from 'node:assert/strict';
import { pathsReport, renderPathsReport } from '../../src/layout/index.js';

describe('layout/paths-report', () => {
  it('reports the system-wide layout without ONE_LOCATION', () => {
    const report = pathsReport({ home: '/home/oneadmin' });
    assert.equal(report.layout, 'system-wide');
    assert.equal(report.paths.onedConf, '/etc/one/oned.conf');
    assert.equal(report.user?.oneAuth, '/home/oneadmin/.one/one_auth');
  });

  it('moves everything under ONE_LOCATION', () => {
    const report = pathsReport({ oneLocation: '/srv/lab/host1', home: undefined });
    assert.equal(report.layout, 'self-contained');
    assert.equal(report.paths.location, '/srv/lab/host1');
    assert.equal(report.paths.onedConf, '/srv/lab/host1/etc/oned.conf');
    assert.equal(report.user, undefined);
  });

  it('refuses a relative ONE_LOCATION', () => {
    assert.throws(() => pathsReport({ oneLocation: 'lab', home: undefined }), {
      code: 'CONFIG_INVALID',
    });
  });

  it('prints one aligned line per path, nested ones with their group', () => {
    const lines = renderPathsReport(pathsReport({ oneLocation: '/opt/one', home: '/root' })).split(
      '\n',
    );
    assert.match(lines[0]!, /^layout +: self-contained$/);
    assert.ok(lines.some((l) => /^onedConf +: \/opt\/one\/etc\/oned\.conf$/.test(l)));
    assert.ok(
      lines.some((l) => /^serviceConfs\.oneflow +: \/opt\/one\/etc\/oneflow-server\.conf$/.test(l)),
    );
    assert.ok(lines.some((l) => /^user\.oneAuth +: \/root\/\.one\/one_auth$/.test(l)));
    const colons = new Set(lines.filter(Boolean).map((l) => l.indexOf(' : ')));
    assert.equal(colons.size, 1);
  });
});
