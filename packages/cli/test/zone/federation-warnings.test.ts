import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  federationWarnings,
  readFederationStatus,
  reseedAdvice,
  type FederatedZone,
  type ZoneShipView,
} from '../../src/zone/index.js';

const zones: FederatedZone[] = [
  { id: 0, name: 'OpenNebula', fedIndex: '57' },
  { id: 100, name: 'east', fedIndex: '57' },
  { id: 101, name: 'west', fedIndex: '57' },
];

const ship = (zoneId: number, state: string, lastError = ''): ZoneShipView => ({
  zoneId,
  endpoint: `http://10.0.0.${zoneId - 99}:2633/RPC2`,
  lastIndex: 57n,
  state,
  lastError,
});

describe('zone/federation-warnings', () => {
  it('finds nothing when every zone replicates and holds the same FED_INDEX', () => {
    assert.deepEqual(
      federationWarnings({ zones, ship: [ship(100, 'replicating'), ship(101, 'replicating')] }),
      [],
    );
    assert.deepEqual(federationWarnings({ zones, ship: undefined }), []);
  });

  it('reports a zone to re-seed with the procedure, and an unreachable one with its error', () => {
    const warnings = federationWarnings({
      zones,
      ship: [ship(101, 'unreachable', 'connect ECONNREFUSED'), ship(100, 'needs-reseed')],
    });
    assert.deepEqual(
      warnings.map((w) => [w.kind, w.zoneId]),
      [
        ['needs-reseed', 100],
        ['unreachable', 101],
      ],
    );
    assert.ok(warnings[0]!.message.includes('zone 100 (east)'));
    assert.ok(warnings[0]!.message.endsWith(reseedAdvice));
    assert.ok(warnings[1]!.message.includes('http://10.0.0.2:2633/RPC2: connect ECONNREFUSED'));
  });

  it('reports differing FED_INDEX values once, ignoring zones that did not answer', () => {
    const differing = federationWarnings({
      zones: [
        { id: 0, name: 'OpenNebula', fedIndex: '57' },
        { id: 100, name: 'east', fedIndex: '-' },
        { id: 101, name: 'west', fedIndex: '55' },
      ],
      ship: undefined,
    });
    assert.deepEqual(differing, [
      {
        kind: 'fed-index-differs',
        message: 'FED_INDEX differs between zones: zone 0 (OpenNebula) 57, zone 101 (west) 55',
      },
    ]);
  });

  it('warns about FED_INDEX exactly when two answering zones differ (property)', () => {
    const index = fc.oneof(fc.constant('-'), fc.constant('-1'), fc.nat({ max: 3 }).map(String));
    fc.assert(
      fc.property(fc.array(index, { maxLength: 5 }), (indexes) => {
        const listed = indexes.map((fedIndex, i) => ({ id: i, name: `z${i}`, fedIndex }));
        const numeric = new Set(indexes.filter((i) => /^\d+$/.test(i)));
        const warned = federationWarnings({ zones: listed, ship: undefined }).some(
          (w) => w.kind === 'fed-index-differs',
        );
        assert.equal(warned, numeric.size > 1);
      }),
    );
  });

  it('reads onekit.federation.status and refuses a malformed answer', () => {
    assert.deepEqual(
      readFederationStatus([
        {
          ZONE_ID: 100,
          ENDPOINT: 'http://e/RPC2',
          LAST_INDEX: 12n,
          STATE: 'replicating',
          LAST_ERROR: '',
        },
        { ZONE_ID: 101, ENDPOINT: 'http://w/RPC2', LAST_INDEX: -1, STATE: 'unreachable' },
      ]),
      [
        {
          zoneId: 100,
          endpoint: 'http://e/RPC2',
          lastIndex: 12n,
          state: 'replicating',
          lastError: '',
        },
        {
          zoneId: 101,
          endpoint: 'http://w/RPC2',
          lastIndex: -1n,
          state: 'unreachable',
          lastError: '',
        },
      ],
    );
    assert.throws(() => readFederationStatus('nope'), TypeError);
    assert.throws(() => readFederationStatus([{ STATE: 'replicating' }]), TypeError);
  });
});
