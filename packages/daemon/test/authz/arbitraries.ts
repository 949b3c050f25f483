// Generators of well-formed ACL rules, objects and requesters for the property tests.
import fc from 'fast-check';
import {
  aclResourceTypes,
  aclRuleProblems,
  objectTypeBits,
  permissionsFromOctal,
  rightBits,
  rightNames,
  selectorMask,
  type AccessCheck,
  type AclMasks,
  type AclRule,
  type Requester,
  type Selector,
} from '../../src/authz/index.js';

const id = (max: number) => fc.integer({ min: 0, max });

export const userSelector: fc.Arbitrary<Selector> = fc.oneof(
  id(6).map((n) => ({ kind: 'individual', id: n }) as const),
  id(4).map((n) => ({ kind: 'group', id: n }) as const),
  fc.constant({ kind: 'all' } as const),
);

export const resourceSelector: fc.Arbitrary<Selector> = fc.oneof(
  id(6).map((n) => ({ kind: 'individual', id: n }) as const),
  id(4).map((n) => ({ kind: 'group', id: n }) as const),
  id(3).map((n) => ({ kind: 'cluster', id: n }) as const),
  fc.constant({ kind: 'all' } as const),
);

export const zoneSelector: fc.Arbitrary<Selector> = fc.oneof(
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

export const ruleSets: fc.Arbitrary<AclRule[]> = fc
  .array(wellFormedMasks, { maxLength: 12 })
  .map((rules) => rules.map((r, i) => ({ ...r, id: i })));

export const requesters: fc.Arbitrary<Requester> = fc.record({
  uid: id(6),
  groups: fc.uniqueArray(id(4), { minLength: 1, maxLength: 3 }),
});

export const checks: fc.Arbitrary<AccessCheck> = fc
  .record({
    right: fc.constantFrom(...rightNames),
    type: fc.constantFrom(...aclResourceTypes),
    oid: id(6),
    uid: id(6),
    gid: fc.integer({ min: -1, max: 4 }),
    octal: fc.integer({ min: 0, max: 0o777 }),
    clusters: fc.uniqueArray(id(3), { maxLength: 2 }),
    disableAllAcl: fc.boolean(),
    disableClusterAcl: fc.boolean(),
    disableGroupAcl: fc.boolean(),
    locked: fc.integer({ min: 0, max: 3 }),
    ignoreLock: fc.boolean(),
  })
  .map((c) => ({
    right: c.right,
    ignoreLock: c.ignoreLock,
    object: {
      type: c.type,
      // A creation asks about no object yet.
      oid: c.right === 'CREATE' ? -1 : c.oid,
      uid: c.uid,
      gid: c.gid,
      permissions: permissionsFromOctal(c.octal),
      clusters: c.clusters,
      disableAllAcl: c.disableAllAcl,
      disableClusterAcl: c.disableClusterAcl,
      disableGroupAcl: c.disableGroupAcl,
      locked: c.locked,
    },
  }));
