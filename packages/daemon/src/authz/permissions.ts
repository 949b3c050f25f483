// An object's permission bits: owner, group and other, each with USE, MANAGE and ADMIN,
// as oned keeps them (the PERMISSIONS element and the owner_u/group_u/other_u columns).
// In octal, as chmod and umask write them, each digit is U=4, M=2, A=1.

export type Bit = 0 | 1;

export interface PermissionBits {
  readonly ownerU: Bit;
  readonly ownerM: Bit;
  readonly ownerA: Bit;
  readonly groupU: Bit;
  readonly groupM: Bit;
  readonly groupA: Bit;
  readonly otherU: Bit;
  readonly otherM: Bit;
  readonly otherA: Bit;
}

const ORDER = [
  'ownerU',
  'ownerM',
  'ownerA',
  'groupU',
  'groupM',
  'groupA',
  'otherU',
  'otherM',
  'otherA',
] as const;

/** What an object has unless told otherwise: its owner may use and manage it. */
export const defaultPermissions: PermissionBits = permissionsFromOctal(0o600);

export function permissionsFromOctal(octal: number): PermissionBits {
  const bits = {} as Record<(typeof ORDER)[number], Bit>;
  ORDER.forEach((name, i) => {
    bits[name] = (octal >> (8 - i)) & 1 ? 1 : 0;
  });
  return bits;
}

export function permissionsToOctal(perms: PermissionBits): number {
  return ORDER.reduce((octal, name, i) => octal | (perms[name] << (8 - i)), 0);
}

/**
 * The permissions oned gives a new object of `owner`/`group` under a umask: everything for
 * objects of oneadmin or its group, otherwise read-write for owner and group (and other,
 * when other permissions are enabled), minus the umask.
 */
export function permissionsFromUmask(
  umask: number,
  o: { uid: number; gid: number; enableOther: boolean },
): PermissionBits {
  const base = o.uid === 0 || o.gid === 0 ? 0o777 : o.enableOther ? 0o666 : 0o660;
  return permissionsFromOctal(base & ~umask & 0o777);
}

/** The PERMISSIONS element's children, in oned's order, as name/value pairs. */
export function permissionFields(perms: PermissionBits): [string, Bit][] {
  return ORDER.map((name) => [
    name.replace(/^(owner|group|other)(.)$/, '$1_$2').toUpperCase(),
    perms[name],
  ]);
}
