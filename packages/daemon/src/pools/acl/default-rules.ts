// The rules oned creates with a new database, ids 0 to 2.
import { objectTypeBits as T, rightBits, selectorBits, type AclRule } from '@onekit/core';

const { GROUP, ALL } = selectorBits;

export function defaultAclRules(): AclRule[] {
  return [
    // @1 VM+IMAGE+TEMPLATE+DOCUMENT+SECGROUP+VMGROUP+BACKUPJOB/* CREATE *
    {
      id: 0,
      user: GROUP | 1n,
      resource:
        ALL | T.VM | T.IMAGE | T.TEMPLATE | T.DOCUMENT | T.SECGROUP | T.VMGROUP | T.BACKUPJOB,
      rights: rightBits.CREATE,
      zone: ALL,
    },
    // * ZONE/* USE *
    { id: 1, user: ALL, resource: ALL | T.ZONE, rights: rightBits.USE, zone: ALL },
    // * MARKETPLACE+MARKETPLACEAPP/* USE *
    {
      id: 2,
      user: ALL,
      resource: ALL | T.MARKETPLACE | T.MARKETPLACEAPP,
      rights: rightBits.USE,
      zone: ALL,
    },
  ];
}
