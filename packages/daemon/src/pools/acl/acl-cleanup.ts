// The rules oned drops with an object: those that name a deleted user or group as who
// they apply to, those about the group's objects (`TYPE/@gid`), and those about exactly
// that object (`USER/#uid`, `GROUP/#gid`; `USER+GROUP/#7` names two types and stays).
import { ID_MASK, objectTypeBits, selectorBits, type AclRule } from '@onekit/core';
import type { WriteOp } from '../../storage/index.js';
import { deleteAclRuleOp } from './acl-rows.js';

const { INDIVIDUAL, GROUP } = selectorBits;

export function rulesOfDeletedUser(rules: readonly AclRule[], uid: number): AclRule[] {
  const user = INDIVIDUAL | BigInt(uid);
  const resource = objectTypeBits.USER | INDIVIDUAL | BigInt(uid);
  return rules.filter((r) => r.user === user || r.resource === resource);
}

export function rulesOfDeletedGroup(rules: readonly AclRule[], gid: number): AclRule[] {
  const group = GROUP | BigInt(gid);
  const resource = objectTypeBits.GROUP | INDIVIDUAL | BigInt(gid);
  return rules.filter(
    (r) =>
      r.user === group || (r.resource & (GROUP | ID_MASK)) === group || r.resource === resource,
  );
}

export function deleteAclRulesOps(rules: readonly AclRule[]): WriteOp[] {
  return rules.map((rule) => deleteAclRuleOp(rule.id));
}
