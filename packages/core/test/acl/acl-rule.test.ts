import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  aclRuleProblems,
  maskId,
  selectorBits,
  objectTypeBits as T,
  rightBits as R,
  type AclMasks,
} from '../../src/acl/index.js';

const { INDIVIDUAL, GROUP, ALL, CLUSTER } = selectorBits;
const good: AclMasks = { user: GROUP | 1n, resource: T.VM | ALL, rights: R.USE, zone: ALL };

describe('acl/acl-rule', () => {
  it('accepts the default rules and a typical individual rule', () => {
    assert.equal(aclRuleProblems(good), undefined);
    assert.equal(
      aclRuleProblems({
        user: INDIVIDUAL | 5n,
        resource: T.HOST | INDIVIDUAL | 1n,
        rights: R.MANAGE,
        zone: INDIVIDUAL,
      }),
      undefined,
    );
  });

  const cases: [string, Partial<AclMasks>, string][] = [
    [
      'exclusive user bits',
      { user: INDIVIDUAL | GROUP | 1n },
      '[user] INDIVIDUAL (#) and GROUP (@) bits are exclusive',
    ],
    ['no user bits', { user: 5n }, '[user] is missing one of the INDIVIDUAL, GROUP or ALL bits'],
    ['ALL with an id', { user: ALL | 3n }, 'when using the ALL bit, [user] ID must be 0'],
    ['negative user id', { user: INDIVIDUAL | 0xffffffffn }, '[user] ID cannot be negative'],
    [
      'cluster selector on VMs',
      { resource: T.VM | CLUSTER | 100n },
      '[resource] CLUSTER(%) selector can be applied only to DATASTORE, HOST and NET types',
    ],
    [
      'group selector on hosts',
      { resource: T.HOST | GROUP | 1n },
      '[resource] GROUP(@) selector cannot be applied to HOST, GROUP, CLUSTER, ZONE or VDC types',
    ],
    ['no type', { resource: ALL }, '[resource] type is missing'],
    ['hook type', { resource: T.HOOK | ALL }, 'wrong [resource] type'],
    ['no rights', { rights: 0n }, 'wrong [rights], it cannot be 0'],
    ['too many rights', { rights: 0x10n }, 'wrong [rights], it cannot be bigger than 0xF'],
    ['no zone bits', { zone: 0n }, '[zone] is missing one of the INDIVIDUAL or ALL bits'],
    [
      'an individual VM in all zones',
      { resource: T.VM | INDIVIDUAL | 4n },
      '[resource] INDIVIDUAL(#) selector cannot be applied to ALL zones, except for USER, GROUP and ZONE types',
    ],
  ];
  for (const [what, change, message] of cases) {
    it(`refuses ${what}`, () => assert.equal(aclRuleProblems({ ...good, ...change }), message));
  }

  it('joins several problems with "; ", except before the zone group bit, as oned does', () => {
    assert.equal(
      aclRuleProblems({ user: 5n, resource: ALL, rights: R.USE, zone: ALL }),
      '[user] is missing one of the INDIVIDUAL, GROUP or ALL bits; [resource] type is missing',
    );
    assert.equal(
      aclRuleProblems({ ...good, rights: 0n, zone: GROUP | ALL }),
      'wrong [rights], it cannot be 0[zone] GROUP (@) bit is not supported',
    );
  });

  it('reads ids as oned does: the low 32 bits, signed', () => {
    assert.equal(maskId(GROUP | 7n), 7);
    assert.equal(maskId(INDIVIDUAL | 0x80000000n), -2147483648);
  });
});
