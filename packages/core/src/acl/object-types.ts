// oned's object type bits (PoolObjectSQL::ObjectType): the resource part of an ACL rule
// carries one bit per type it applies to, above the 36 low bits of selector and id.

export const objectTypeBits = {
  VM: 0x0000001000000000n,
  HOST: 0x0000002000000000n,
  NET: 0x0000004000000000n,
  IMAGE: 0x0000008000000000n,
  USER: 0x0000010000000000n,
  TEMPLATE: 0x0000020000000000n,
  GROUP: 0x0000040000000000n,
  ACL: 0x0000080000000000n,
  DATASTORE: 0x0000100000000000n,
  CLUSTER: 0x0000200000000000n,
  DOCUMENT: 0x0000400000000000n,
  ZONE: 0x0000800000000000n,
  SECGROUP: 0x0001000000000000n,
  VDC: 0x0002000000000000n,
  VROUTER: 0x0004000000000000n,
  MARKETPLACE: 0x0008000000000000n,
  MARKETPLACEAPP: 0x0010000000000000n,
  VMGROUP: 0x0020000000000000n,
  VNTEMPLATE: 0x0040000000000000n,
  HOOK: 0x0080000000000000n,
  BACKUPJOB: 0x0100000000000000n,
  SCHEDULEDACTION: 0x0200000000000000n,
} as const;

export type ObjectType = keyof typeof objectTypeBits;

/**
 * The types an ACL rule may name, in the order oned prints them in a rule's string form.
 * ACL, HOOK and SCHEDULEDACTION are not among them: oneacl has no name for them.
 */
export const aclResourceTypes: readonly ObjectType[] = [
  'VM',
  'HOST',
  'NET',
  'IMAGE',
  'USER',
  'TEMPLATE',
  'GROUP',
  'DATASTORE',
  'CLUSTER',
  'DOCUMENT',
  'ZONE',
  'SECGROUP',
  'VDC',
  'VROUTER',
  'MARKETPLACE',
  'MARKETPLACEAPP',
  'VMGROUP',
  'VNTEMPLATE',
  'BACKUPJOB',
];
