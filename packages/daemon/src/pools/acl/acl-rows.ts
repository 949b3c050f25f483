// ACL rules in the acl table: one row per rule, the four masks as signed 64-bit integers.
import type { AclRule } from '@onekit/core';
import type { WriteOp } from '../../storage/index.js';

export function insertAclRuleOp(rule: AclRule): WriteOp {
  return {
    op: 'insert',
    table: 'acl',
    row: {
      oid: rule.id,
      userset: rule.user,
      resource: rule.resource,
      rights: rule.rights,
      zone: rule.zone,
    },
  };
}

export function deleteAclRuleOp(id: number): WriteOp {
  return { op: 'delete', table: 'acl', where: { oid: id } };
}
