// Generators of rule sets, objects and requesters for the property tests.
import fc from 'fast-check';
import { aclResourceTypes, rightNames, type AclRule } from '@onekit/core';
import { wellFormedMasks } from '../../../core/test/acl/arbitraries.js';
import { permissionsFromOctal, type AccessCheck, type Requester } from '../../src/authz/index.js';

const id = (max: number) => fc.integer({ min: 0, max });

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
