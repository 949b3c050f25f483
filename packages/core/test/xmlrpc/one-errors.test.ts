import assert from 'node:assert/strict';
import { oneErrorCodes, oneErrorName, oneMessages } from '../../src/xmlrpc/index.js';

describe('xmlrpc/OpenNebula errors', () => {
  it('has the codes oned sends and the client-only ones', () => {
    assert.deepEqual(oneErrorCodes, {
      SUCCESS: 0x0000,
      AUTHENTICATION: 0x0100,
      AUTHORIZATION: 0x0200,
      NO_EXISTS: 0x0400,
      ACTION: 0x0800,
      RPC_API: 0x1000,
      INTERNAL: 0x2000,
      ALLOCATE: 0x4000,
      LOCKED: 0x8000,
      REPLICATION: 0x10000,
      ENOTDEFINED: 0xf001,
      EXML_RPC_CALL: 0xf002,
      EGRPC_CALL: 0xf004,
      ETIMEOUT: 0xf008,
    });
    assert.equal(oneErrorName(0x0400), 'NO_EXISTS');
    assert.equal(oneErrorName(0xf008), 'ETIMEOUT');
    assert.equal(oneErrorName(0x3), undefined);
  });

  it('builds the messages oned sends, each with the method prefix', () => {
    const m = 'one.zone.info';
    const cases: [string, string][] = [
      [
        oneMessages.authentication(m),
        "[one.zone.info] User couldn't be authenticated, aborting call.",
      ],
      [
        oneMessages.authorization(m, { uid: 5, object: 'zone' }),
        '[one.zone.info] User [5] not authorized to perform action on zone.',
      ],
      [
        oneMessages.authorization(m, {
          uid: 5,
          object: 'zone',
          reason: 'Not authorized to perform ADMIN ZONE [0]',
        }),
        '[one.zone.info] User [5] : Not authorized to perform ADMIN ZONE [0].',
      ],
      [
        oneMessages.noExists(m, { object: 'zone', id: 7 }),
        '[one.zone.info] Error getting zone [7].',
      ],
      [oneMessages.noExists(m, { object: 'zone' }), '[one.zone.info] Error getting zone Pool.'],
      [
        oneMessages.noExists(m, { object: 'zone', id: -1 }),
        '[one.zone.info] Error getting zone Pool.',
      ],
      [oneMessages.allocate(m, { object: 'zone' }), '[one.zone.info] Error allocating a new zone.'],
      [
        oneMessages.allocate(m, { object: 'zone', reason: 'ENDPOINT not present in template.' }),
        '[one.zone.info] Error allocating a new zone. ENDPOINT not present in template.',
      ],
      [
        oneMessages.locked(m, { object: 'virtual machine', id: 3 }),
        '[one.zone.info] The resource virtual machine is locked. [3].',
      ],
      [oneMessages.locked(m, { object: 'image' }), '[one.zone.info] The resource image is locked.'],
      [
        oneMessages.replication(m, { index: 42n }),
        '[one.zone.info] Error replicating log entry 42.',
      ],
      [
        oneMessages.replication(m, {
          index: -1n,
          reason: 'Cannot replicate federate log records on federation master',
        }),
        '[one.zone.info] Error replicating log entry 18446744073709551615: Cannot replicate federate log records on federation master.',
      ],
      [
        oneMessages.action(m, 'SERVER not found in zone'),
        '[one.zone.info] SERVER not found in zone',
      ],
      [oneMessages.rpcApi(m, 'Wrong parameters'), '[one.zone.info] Wrong parameters'],
      [
        oneMessages.internal(m, 'Cannot process request, zone disabled'),
        '[one.zone.info] Cannot process request, zone disabled',
      ],
    ];
    for (const [actual, expected] of cases) assert.equal(actual, expected);
  });
});
