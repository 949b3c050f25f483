import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import {
  maskId,
  objectTypeBits,
  parseAclRule,
  rightBits,
  selectorBits,
  type AclRule,
} from '@onekit/core';
import {
  AclRuleSet,
  authorizeChecks,
  defaultPermissions,
  isAllowed,
  permissionsFromOctal,
  type AccessCheck,
  type ObjectAuth,
  type Requester,
} from '../../src/authz/index.js';
import { defaultAclRules } from '../../src/pools/acl/index.js';
import { checks, requesters, ruleSets } from './arbitraries.js';

const rules = (...texts: string[]): AclRuleSet =>
  new AclRuleSet(texts.map((text, id) => ({ id, zone: selectorBits.ALL, ...parseAclRule(text) })));

const object = (o: Partial<ObjectAuth> & Pick<ObjectAuth, 'type'>): ObjectAuth => ({
  oid: 1,
  uid: 0,
  gid: 0,
  permissions: defaultPermissions,
  ...o,
});

const user = (uid: number, ...groups: number[]): Requester => ({ uid, groups });

describe('authz/acl-evaluate', () => {
  const defaults = new AclRuleSet(defaultAclRules());
  const table: [string, AclRuleSet, Requester, AccessCheck, number, boolean][] = [
    [
      'users may create VMs',
      defaults,
      user(5, 1),
      { right: 'CREATE', object: object({ type: 'VM', oid: -1, uid: 5, gid: 1 }) },
      0,
      true,
    ],
    [
      'users may not create hosts',
      defaults,
      user(5, 1),
      { right: 'CREATE', object: object({ type: 'HOST', oid: -1, uid: 5, gid: 1 }) },
      0,
      false,
    ],
    [
      'anyone may use a zone',
      defaults,
      user(7, 100),
      { right: 'USE', object: object({ type: 'ZONE', oid: 0 }) },
      3,
      true,
    ],
    [
      'nobody else may manage a zone',
      defaults,
      user(7, 100),
      { right: 'MANAGE', object: object({ type: 'ZONE', oid: 0 }) },
      0,
      false,
    ],
    [
      'uid 0 may do anything',
      new AclRuleSet([]),
      user(0, 1),
      { right: 'ADMIN', object: object({ type: 'HOST' }) },
      0,
      true,
    ],
    [
      'the oneadmin group may do anything',
      new AclRuleSet([]),
      user(9, 5, 0),
      { right: 'CREATE', object: object({ type: 'ZONE', oid: -1 }) },
      0,
      true,
    ],
    [
      'a lock stops even oneadmin',
      new AclRuleSet([]),
      user(0, 0),
      { right: 'MANAGE', object: object({ type: 'VM', locked: 2 }) },
      0,
      false,
    ],
    [
      'a USE lock stops USE',
      new AclRuleSet([]),
      user(0, 0),
      { right: 'USE', object: object({ type: 'VM', locked: 1 }) },
      0,
      false,
    ],
    [
      'a MANAGE lock lets USE through',
      new AclRuleSet([]),
      user(0, 0),
      { right: 'USE', object: object({ type: 'VM', locked: 2 }) },
      0,
      true,
    ],
    [
      'info ignores locks',
      new AclRuleSet([]),
      user(0, 0),
      { right: 'ADMIN', ignoreLock: true, object: object({ type: 'VM', locked: 1 }) },
      0,
      true,
    ],
    [
      'no rule, no grant',
      rules(),
      user(5),
      { right: 'MANAGE', object: object({ type: 'HOST', oid: 1 }) },
      0,
      false,
    ],
    [
      '#5 HOST/#1 MANAGE #0 in zone 0',
      zoned('#5 HOST/#1 MANAGE #0'),
      user(5),
      { right: 'MANAGE', object: object({ type: 'HOST', oid: 1 }) },
      0,
      true,
    ],
    [
      '#5 HOST/#1 MANAGE #0 in zone 1',
      zoned('#5 HOST/#1 MANAGE #0'),
      user(5),
      { right: 'MANAGE', object: object({ type: 'HOST', oid: 1 }) },
      1,
      false,
    ],
    [
      '#5 HOST/#1 MANAGE #0 on host 2',
      zoned('#5 HOST/#1 MANAGE #0'),
      user(5),
      { right: 'MANAGE', object: object({ type: 'HOST', oid: 2 }) },
      0,
      false,
    ],
    [
      'MANAGE does not grant USE',
      zoned('#5 HOST/#1 MANAGE #0'),
      user(5),
      { right: 'USE', object: object({ type: 'HOST', oid: 1 }) },
      0,
      false,
    ],
    [
      'a group rule on its objects',
      rules('@100 VM/@100 USE'),
      user(3, 100),
      { right: 'USE', object: object({ type: 'VM', gid: 100 }) },
      0,
      true,
    ],
    [
      'a group rule, another group',
      rules('@100 VM/@100 USE'),
      user(3, 101),
      { right: 'USE', object: object({ type: 'VM', gid: 100 }) },
      0,
      false,
    ],
    [
      'a group rule, disabled group ACLs',
      rules('@100 VM/@100 USE'),
      user(3, 100),
      { right: 'USE', object: object({ type: 'VM', gid: 100, disableGroupAcl: true }) },
      0,
      false,
    ],
    [
      'a cluster rule',
      rules('#7 HOST/%100 ADMIN'),
      user(7),
      { right: 'ADMIN', object: object({ type: 'HOST', clusters: [2, 100] }) },
      0,
      true,
    ],
    [
      'a cluster rule, other cluster',
      rules('#7 HOST/%100 ADMIN'),
      user(7),
      { right: 'ADMIN', object: object({ type: 'HOST', clusters: [2] }) },
      0,
      false,
    ],
    [
      'an all rule, disabled',
      rules('* NET/* USE'),
      user(7),
      { right: 'USE', object: object({ type: 'NET', disableAllAcl: true }) },
      0,
      false,
    ],
    [
      'the owner may manage by default',
      new AclRuleSet([]),
      user(4, 1),
      { right: 'MANAGE', object: object({ type: 'IMAGE', uid: 4, gid: 1 }) },
      0,
      true,
    ],
    [
      'the owner may not admin by default',
      new AclRuleSet([]),
      user(4, 1),
      { right: 'ADMIN', object: object({ type: 'IMAGE', uid: 4, gid: 1 }) },
      0,
      false,
    ],
    [
      'group members may use with GROUP_U',
      new AclRuleSet([]),
      user(8, 1),
      {
        right: 'USE',
        object: object({ type: 'IMAGE', uid: 4, gid: 1, permissions: permissionsFromOctal(0o640) }),
      },
      0,
      true,
    ],
    [
      'others may not without OTHER_U',
      new AclRuleSet([]),
      user(8, 2),
      {
        right: 'USE',
        object: object({ type: 'IMAGE', uid: 4, gid: 1, permissions: permissionsFromOctal(0o640) }),
      },
      0,
      false,
    ],
    [
      'others may with OTHER_U',
      new AclRuleSet([]),
      user(8, 2),
      {
        right: 'USE',
        object: object({ type: 'IMAGE', uid: 4, gid: 1, permissions: permissionsFromOctal(0o604) }),
      },
      0,
      true,
    ],
    [
      'an ADMIN lock lets MANAGE through',
      rules('* VM/* MANAGE'),
      user(8, 2),
      { right: 'MANAGE', object: object({ type: 'VM', locked: 3 }) },
      0,
      true,
    ],
    [
      'an ADMIN lock stops ADMIN',
      rules('* VM/* ADMIN'),
      user(8, 2),
      { right: 'ADMIN', object: object({ type: 'VM', locked: 3 }) },
      0,
      false,
    ],
  ];
  for (const [what, set, requester, check, zoneId, expected] of table) {
    it(`${expected ? 'allows' : 'refuses'}: ${what}`, () => {
      assert.equal(isAllowed(set, requester, check, zoneId), expected);
    });
  }

  it('words refusals as oned, joined by "; "', () => {
    const result = authorizeChecks(
      new AclRuleSet([]),
      user(5, 1),
      [
        { right: 'MANAGE', object: object({ type: 'USER', oid: 3, uid: 3 }) },
        { right: 'CREATE', object: object({ type: 'GROUP', oid: -1 }) },
        { right: 'USE', object: object({ type: 'USER', oid: 5, uid: 5 }) },
      ],
      0,
    );
    assert.deepEqual(result, {
      allowed: false,
      message: 'Not authorized to perform MANAGE USER [3]; Not authorized to perform CREATE GROUP',
    });
    assert.deepEqual(
      authorizeChecks(
        new AclRuleSet([]),
        user(0, 0),
        [{ right: 'USE', object: object({ type: 'VM', oid: 4, locked: 1 }) }],
        0,
      ),
      { allowed: false, message: 'VM is locked. [4]' },
    );
  });

  it('matches a brute-force reading of the rules (property)', () => {
    fc.assert(
      fc.property(
        ruleSets,
        requesters,
        checks,
        fc.integer({ min: 0, max: 2 }),
        (list, requester, check, zoneId) => {
          assert.equal(
            isAllowed(new AclRuleSet(list), requester, check, zoneId),
            reference(list, requester, check, zoneId),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});

function zoned(text: string): AclRuleSet {
  const parsed = parseAclRule(text);
  return new AclRuleSet([{ id: 0, zone: parsed.zone!, ...parsed }]);
}

/**
 * The rules read literally, selector by selector, with none of the engine's masks: who
 * (everyone, #uid, @group), where (*, #zone), what (the type, then *, #oid, @gid, %cid).
 */
function reference(
  rules: readonly AclRule[],
  requester: Requester,
  check: AccessCheck,
  zoneId: number,
): boolean {
  const o = check.object;
  const locked = o.locked ?? 0;
  if (!check.ignoreLock && locked > 0 && locked <= Number(rightBits[check.right])) return false;
  if (requester.uid === 0 || requester.groups.includes(0)) return true;

  const want = check.right;
  const p = o.permissions;
  const bit = (u: number, m: number, a: number) =>
    ({ USE: u, MANAGE: m, ADMIN: a, CREATE: 0 })[want] === 1;
  if (o.oid >= 0) {
    if (requester.uid === o.uid && bit(p.ownerU, p.ownerM, p.ownerA)) return true;
    if (requester.groups.includes(o.gid) && bit(p.groupU, p.groupM, p.groupA)) return true;
    if (bit(p.otherU, p.otherM, p.otherA)) return true;
  }
  const { INDIVIDUAL, GROUP, ALL, CLUSTER } = selectorBits;
  return rules.some((rule) => {
    const who =
      rule.user === ALL ||
      ((rule.user & INDIVIDUAL) !== 0n && maskId(rule.user) === requester.uid) ||
      ((rule.user & GROUP) !== 0n && requester.groups.includes(maskId(rule.user)));
    const where = rule.zone === ALL || maskId(rule.zone) === zoneId;
    const rights = (rule.rights & rightBits[want]) !== 0n;
    const r = rule.resource;
    const id = maskId(r);
    const what =
      (r & objectTypeBits[o.type]) !== 0n &&
      (((r & ALL) !== 0n && !o.disableAllAcl) ||
        ((r & INDIVIDUAL) !== 0n && o.oid >= 0 && id === o.oid) ||
        ((r & GROUP) !== 0n && o.gid >= 0 && !o.disableGroupAcl && id === o.gid) ||
        ((r & CLUSTER) !== 0n && !o.disableClusterAcl && (o.clusters ?? []).includes(id)));
    return who && where && rights && what;
  });
}
