// Generators of well-formed ACL rules for the property tests.
import fc from 'fast-check';
import {
  aclResourceTypes,
  aclRuleProblems,
  objectTypeBits,
  rightBits,
  rightNames,
  selectorMask,
  type AclMasks,
  type Selector,
} from '../../src/acl/index.js';

const id = (max: number) => fc.integer({ min: 0, max });

const userSelector: fc.Arbitrary<Selector> = fc.oneof(
  id(6).map((n) => ({ kind: 'individual', id: n }) as const),
  id(4).map((n) => ({ kind: 'group', id: n }) as const),
  fc.constant({ kind: 'all' } as const),
);

const resourceSelector: fc.Arbitrary<Selector> = fc.oneof(
  id(6).map((n) => ({ kind: 'individual', id: n }) as const),
  id(4).map((n) => ({ kind: 'group', id: n }) as const),
  id(3).map((n) => ({ kind: 'cluster', id: n }) as const),
  fc.constant({ kind: 'all' } as const),
);

const zoneSelector: fc.Arbitrary<Selector> = fc.oneof(
  id(2).map((n) => ({ kind: 'individual', id: n }) as const),
  fc.constant({ kind: 'all' } as const),
);

const typesMask = fc
  .subarray([...aclResourceTypes], { minLength: 1, maxLength: 4 })
  .map((types) => types.reduce((m, t) => m | objectTypeBits[t], 0n));

const rightsMask = fc
  .subarray([...rightNames], { minLength: 1 })
  .map((names) => names.reduce((m, r) => m | rightBits[r], 0n));

/** Rules oned would accept (not malformed). */
export const wellFormedMasks: fc.Arbitrary<AclMasks> = fc
  .record({
    user: userSelector,
    selector: resourceSelector,
    types: typesMask,
    rights: rightsMask,
    zone: zoneSelector,
  })
  .map(({ user, selector, types, rights, zone }) => ({
    user: selectorMask(user),
    resource: types | selectorMask(selector),
    rights,
    zone: selectorMask(zone),
  }))
  .filter((rule) => aclRuleProblems(rule) === undefined);
