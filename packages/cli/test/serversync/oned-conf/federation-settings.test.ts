import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { defaultOnedConfig, renderOnedConf } from '@onekit/core';
import {
  federationOf,
  withFederation,
  type FederationSettings,
} from '../../../src/serversync/oned-conf/index.js';

const shipped = renderOnedConf(defaultOnedConfig());

describe('serversync/oned-conf/federation-settings', () => {
  it("reads a new daemon's oned.conf as STANDALONE zone 0", () => {
    assert.deepEqual(federationOf(shipped), { mode: 'STANDALONE', zoneId: 0, masterOned: '' });
  });

  it('sets MODE, ZONE_ID and MASTER_ONED in place, keeping every other line', () => {
    const text = withFederation(shipped, {
      mode: 'SLAVE',
      zoneId: 100,
      masterOned: 'http://10.0.0.1:2633/RPC2',
    });
    assert.deepEqual(federationOf(text), {
      mode: 'SLAVE',
      zoneId: 100,
      masterOned: 'http://10.0.0.1:2633/RPC2',
    });
    const changed = text.split('\n').filter((line, i) => line !== shipped.split('\n')[i]);
    assert.equal(changed.length, 3, changed.join('\n'));
    assert.ok(text.includes('SERVER_ID        = -1'));
  });

  it('adds FEDERATION to a file without one, and refuses an unknown MODE', () => {
    const text = withFederation('PORT = 2633\n', { mode: 'MASTER', zoneId: 0, masterOned: '' });
    assert.deepEqual(federationOf(text), { mode: 'MASTER', zoneId: 0, masterOned: '' });
    assert.ok(text.startsWith('PORT = 2633\n'));
    assert.throws(() => federationOf('FEDERATION = [ MODE = "CHIEF" ]\n', 'x.conf'), {
      code: 'CONFIG_INVALID',
      where: { file: 'x.conf', field: 'FEDERATION/MODE' },
    });
  });

  it('reads back whatever it writes, and writing twice changes nothing more', () => {
    const settings = fc.record({
      mode: fc.constantFrom('STANDALONE', 'MASTER', 'SLAVE') as fc.Arbitrary<
        FederationSettings['mode']
      >,
      zoneId: fc.integer({ min: 0, max: 10_000 }),
      masterOned: fc.oneof(
        fc.constant(''),
        fc.webUrl().filter((u) => !/["\\\n]/.test(u)),
      ),
    });
    fc.assert(
      fc.property(settings, settings, (first, second) => {
        const once = withFederation(withFederation(shipped, first), second);
        assert.deepEqual(federationOf(once), { ...second });
        assert.equal(withFederation(once, second), once);
      }),
    );
  });
});
