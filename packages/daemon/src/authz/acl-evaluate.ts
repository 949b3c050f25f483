// Whether a requester may perform an operation on an object, decided as oned's ACL
// manager decides it: uid 0 and members of the oneadmin group may do anything (except
// what an object lock forbids); anyone else needs a rule that matches them (everyone,
// their uid, or one of their groups), the zone, the rights, and the object (all objects
// of its type, its group's, its own id, or one of its clusters). The object's own
// permission bits act as three more rules (owner, group, other) on that object alone.
import {
  ID_MASK,
  objectTypeBits,
  rightBits,
  selectorBits,
  type AclRule,
  type ObjectType,
  type Right,
} from '@onekit/core';
import type { PermissionBits } from './permissions.js';

/** What the request is about: an existing object, or (oid -1) one to be created. */
export interface ObjectAuth {
  readonly type: ObjectType;
  /** -1 when there is no object yet (creation) or the request is about the pool. */
  readonly oid: number;
  /** Owner and group; -1 when there are none. */
  readonly uid: number;
  readonly gid: number;
  readonly permissions: PermissionBits;
  readonly clusters?: readonly number[];
  /** Rules for all objects of the type (`TYPE/*`) do not apply. */
  readonly disableAllAcl?: boolean;
  /** Rules for the object's clusters (`TYPE/%cid`) do not apply. */
  readonly disableClusterAcl?: boolean;
  /** Rules for the object's group (`TYPE/@gid`) do not apply. */
  readonly disableGroupAcl?: boolean;
  /** Lock level: 1 USE, 2 MANAGE, 3 ADMIN; 0 or absent when unlocked. */
  readonly locked?: number;
}

export interface AccessCheck {
  readonly right: Right;
  readonly object: ObjectAuth;
  /** The operation ignores locks (oned's *_NO_LCK operations, such as info). */
  readonly ignoreLock?: boolean;
}

export interface Requester {
  readonly uid: number;
  /** The groups the requester acts with (only the token's group for a scoped token). */
  readonly groups: readonly number[];
}

export type AuthorizationResult =
  { readonly allowed: true } | { readonly allowed: false; readonly message: string };

const { INDIVIDUAL, GROUP, ALL, CLUSTER } = selectorBits;
/** A request mask no rule can hold (a type bit no rule may carry). */
const NONE = 0x1000000000000000n;

/** Rules indexed by their user mask, the way the ACL manager looks them up. */
export class AclRuleSet {
  private readonly byUser = new Map<bigint, AclRule[]>();

  constructor(readonly rules: readonly AclRule[]) {
    for (const rule of rules) {
      const list = this.byUser.get(rule.user);
      if (list) list.push(rule);
      else this.byUser.set(rule.user, [rule]);
    }
  }

  forUser(user: bigint): readonly AclRule[] {
    return this.byUser.get(user) ?? [];
  }
}

export function isOneadminRequester(requester: Requester): boolean {
  return requester.uid === 0 || requester.groups.includes(0);
}

function int64(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

/** The owner, group and other rules that an object's permission bits amount to. */
export function permissionRules(object: ObjectAuth, zoneId: number): AclRule[] {
  const p = object.permissions;
  const resource = int64(objectTypeBits[object.type] | INDIVIDUAL | BigInt(object.oid));
  const zone = INDIVIDUAL | BigInt(zoneId);
  const rights = (u: number, m: number, a: number): bigint =>
    (u ? rightBits.USE : 0n) | (m ? rightBits.MANAGE : 0n) | (a ? rightBits.ADMIN : 0n);
  return [
    {
      id: 0,
      user: int64(INDIVIDUAL | BigInt(object.uid)),
      resource,
      zone,
      rights: rights(p.ownerU, p.ownerM, p.ownerA),
    },
    {
      id: 0,
      user: int64(GROUP | BigInt(object.gid)),
      resource,
      zone,
      rights: rights(p.groupU, p.groupM, p.groupA),
    },
    { id: 0, user: ALL, resource, zone, rights: rights(p.otherU, p.otherM, p.otherA) },
  ];
}

interface ResourceRequest {
  readonly oid: bigint;
  readonly gid: bigint;
  readonly cids: readonly bigint[];
  readonly all: bigint;
  readonly oidMask: bigint;
  readonly gidMask: bigint;
  readonly cidMask: bigint;
}

function resourceRequest(object: ObjectAuth): ResourceRequest {
  const type = objectTypeBits[object.type];
  return {
    oid: object.oid >= 0 ? type | INDIVIDUAL | BigInt(object.oid) : NONE,
    gid: object.gid >= 0 && !object.disableGroupAcl ? type | GROUP | BigInt(object.gid) : NONE,
    cids: object.disableClusterAcl
      ? []
      : (object.clusters ?? []).map((cid) => type | CLUSTER | BigInt(cid)),
    all: object.disableAllAcl ? NONE : type | ALL,
    oidMask: type | INDIVIDUAL | ID_MASK,
    gidMask: type | GROUP | ID_MASK,
    cidMask: type | CLUSTER | ID_MASK,
  };
}

function ruleMatches(rule: AclRule, req: ResourceRequest, rights: bigint, zoneId: number): boolean {
  const zoneOk =
    (rule.zone & ALL) === ALL ||
    (rule.zone & (INDIVIDUAL | ID_MASK)) === (INDIVIDUAL | BigInt(zoneId));
  if (!zoneOk || (rule.rights & rights) !== rights) return false;
  const r = rule.resource;
  return (
    (r & req.all) === req.all ||
    (r & req.gidMask) === req.gid ||
    (r & req.oidMask) === req.oid ||
    req.cids.some((cid) => (r & req.cidMask) === cid)
  );
}

function lockForbids(check: AccessCheck): boolean {
  const locked = check.object.locked ?? 0;
  return !check.ignoreLock && locked > 0 && BigInt(locked) <= rightBits[check.right];
}

/** One check against the rule set, for a requester outside the oneadmin group. */
function aclAllows(
  rules: AclRuleSet,
  requester: Requester,
  check: AccessCheck,
  zoneId: number,
): boolean {
  if (lockForbids(check)) return false;
  const req = resourceRequest(check.object);
  const rights = rightBits[check.right];
  const own = new AclRuleSet(permissionRules(check.object, zoneId));
  const users = [
    ALL,
    INDIVIDUAL | BigInt(requester.uid),
    ...requester.groups.map((g) => GROUP | BigInt(g)),
  ];
  return users.some((user) =>
    [own, rules].some((set) =>
      set.forUser(user).some((rule) => ruleMatches(rule, req, rights, zoneId)),
    ),
  );
}

export function isAllowed(
  rules: AclRuleSet,
  requester: Requester,
  check: AccessCheck,
  zoneId: number,
): boolean {
  if (isOneadminRequester(requester)) return !lockForbids(check);
  return aclAllows(rules, requester, check, zoneId);
}

/**
 * Every check must pass. The message lists each refusal as oned words it:
 * `Not authorized to perform MANAGE USER [5]`, or `<TYPE> is locked. [id]` for the
 * oneadmin group, joined by "; ".
 */
export function authorizeChecks(
  rules: AclRuleSet,
  requester: Requester,
  checks: readonly AccessCheck[],
  zoneId: number,
): AuthorizationResult {
  const refusals: string[] = [];
  const admin = isOneadminRequester(requester);
  for (const check of checks) {
    if (isAllowed(rules, requester, check, zoneId)) continue;
    const what = admin
      ? `${check.object.type} is locked.`
      : `Not authorized to perform ${check.right} ${check.object.type}`;
    refusals.push(check.object.oid !== -1 ? `${what} [${check.object.oid}]` : what);
  }
  return refusals.length === 0
    ? { allowed: true }
    : { allowed: false, message: refusals.join('; ') };
}
