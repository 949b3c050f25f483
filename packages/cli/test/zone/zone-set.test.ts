import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderZoneSet, setZone, zoneView } from '../../src/zone/index.js';

describe('zone/zone-set', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'zone-set-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const zone = (template: Record<string, string>) =>
    zoneView({ ID: 100, NAME: 'east', STATE: 0, TEMPLATE: template });

  it('writes one_endpoint, creating ~/.one, and no oneflow_endpoint without ONEFLOW_ENDPOINT', async () => {
    const result = await setZone({
      zone: zone({ ENDPOINT: 'http://e:2633/RPC2' }),
      keep: false,
      home,
    });
    assert.equal(readFileSync(join(home, '.one', 'one_endpoint'), 'utf8'), 'http://e:2633/RPC2\n');
    assert.equal(existsSync(join(home, '.one', 'oneflow_endpoint')), false);
    assert.equal(
      renderZoneSet(result),
      `Endpoint changed to "http://e:2633/RPC2" in ${home}/.one/one_endpoint\n`,
    );
  });

  it('prints the export lines and writes nothing with --keep', async () => {
    const result = await setZone({
      zone: zone({ ENDPOINT: 'http://e:2633/RPC2', ONEFLOW_ENDPOINT: 'http://e:2474' }),
      keep: true,
      home,
    });
    assert.equal(existsSync(join(home, '.one')), false);
    assert.equal(
      renderZoneSet(result),
      'Type: export ONE_XMLRPC=http://e:2633/RPC2\nType: export ONEFLOW_URL=http://e:2474\n',
    );
  });

  it('refuses a zone without an endpoint', async () => {
    await assert.rejects(setZone({ zone: zone({}), keep: false, home }), {
      code: 'FLAG_INVALID',
      message: 'No Endpoint defined for Zone 100',
    });
  });
});
