// The ACL rules that make a user an administrator of a group, as oned adds them with
// one.group.addadmin and drops them with one.group.deladmin (or when the user leaves the
// group). oned skips a rule that already exists and one that is already gone.
import {
  objectTypeBits as T,
  rightBits as R,
  sameAclMasks,
  selectorBits,
  type AclMasks,
  type AclRule,
} from '@onekit/core';
import { deleteAclRuleOp } from '../acl/acl-rows.js';
import type { WriteOp } from '../../storage/index.js';

const { INDIVIDUAL, GROUP, ALL } = selectorBits;

const GROUP_OBJECTS =
  T.VM |
  T.NET |
  T.IMAGE |
  T.TEMPLATE |
  T.DOCUMENT |
  T.SECGROUP |
  T.VROUTER |
  T.VMGROUP |
  T.BACKUPJOB;

/** The four rules of administrator `uid` of group `gid`, in oned's order. */
export function groupAdminRules(uid: number, gid: number): AclMasks[] {
  const user = INDIVIDUAL | BigInt(uid);
  const rule = (resource: bigint, rights: bigint): AclMasks => ({
    user,
    resource,
    rights,
    zone: ALL,
  });
  return [
    // #uid USER/@gid USE+MANAGE+ADMIN+CREATE *
    rule(T.USER | GROUP | BigInt(gid), R.USE | R.MANAGE | R.ADMIN | R.CREATE),
    // #uid VM+NET+IMAGE+TEMPLATE+DOCUMENT+SECGROUP+VROUTER+VMGROUP+BACKUPJOB/@gid USE+MANAGE *
    rule(GROUP_OBJECTS | GROUP | BigInt(gid), R.USE | R.MANAGE),
    // #uid VROUTER/* CREATE *
    rule(T.VROUTER | ALL, R.CREATE),
    // #uid GROUP/#gid MANAGE *
    rule(T.GROUP | INDIVIDUAL | BigInt(gid), R.MANAGE),
  ];
}

/** The administrator rules `rules` does not hold yet. */
export function missingAdminRules(rules: readonly AclRule[], uid: number, gid: number) {
  return groupAdminRules(uid, gid).filter((want) => !rules.some((r) => sameAclMasks(r, want)));
}

/** Deletes the administrator rules `rules` holds (the VROUTER one too, as oned does). */
export function deleteAdminRulesOps(rules: readonly AclRule[], uid: number, gid: number) {
  const admin = groupAdminRules(uid, gid);
  return rules
    .filter((r) => admin.some((want) => sameAclMasks(r, want)))
    .map((r): WriteOp => deleteAclRuleOp(r.id));
}
