// An ACL rule as oned stores it: four signed 64-bit masks. The low 32 bits of `user`,
// `resource` and `zone` are an id; the next four bits say how the id is meant
// (#individual, @group, *all, %cluster); `resource` carries object type bits above them
// and `rights` the operation bits.
import { objectTypeBits } from './object-types.js';

export const selectorBits = {
  INDIVIDUAL: 0x0000000100000000n,
  GROUP: 0x0000000200000000n,
  ALL: 0x0000000400000000n,
  CLUSTER: 0x0000000800000000n,
} as const;

export const SELECTOR_MASK = 0x0000000f00000000n;
export const ID_MASK = 0x00000000ffffffffn;
export const TYPE_MASK = 0xfffffff000000000n;

export interface AclMasks {
  readonly user: bigint;
  readonly resource: bigint;
  readonly rights: bigint;
  readonly zone: bigint;
}

export interface AclRule extends AclMasks {
  readonly id: number;
}

/** What a selector means: `#5`, `@1`, `*` or `%100`. */
export type Selector =
  | { readonly kind: 'individual'; readonly id: number }
  | { readonly kind: 'group'; readonly id: number }
  | { readonly kind: 'cluster'; readonly id: number }
  | { readonly kind: 'all' };

export function selectorMask(selector: Selector): bigint {
  switch (selector.kind) {
    case 'individual':
      return selectorBits.INDIVIDUAL | BigInt(selector.id);
    case 'group':
      return selectorBits.GROUP | BigInt(selector.id);
    case 'cluster':
      return selectorBits.CLUSTER | BigInt(selector.id);
    case 'all':
      return selectorBits.ALL;
  }
}

/** The id part of a mask, as oned reads it (a C int: the low 32 bits, signed). */
export function maskId(mask: bigint): number {
  return Number(BigInt.asIntN(32, mask));
}

/** Two rules are the same when their masks are (ids are not compared, as in oned). */
export function sameAclMasks(a: AclMasks, b: AclMasks): boolean {
  return (
    a.user === b.user && a.resource === b.resource && a.rights === b.rights && a.zone === b.zone
  );
}

const { INDIVIDUAL, GROUP, ALL, CLUSTER } = selectorBits;
const T = objectTypeBits;

const INVALID_CLUSTER_OBJECTS =
  T.VM |
  T.IMAGE |
  T.USER |
  T.TEMPLATE |
  T.GROUP |
  T.ACL |
  T.CLUSTER |
  T.DOCUMENT |
  T.ZONE |
  T.SECGROUP |
  T.VDC |
  T.VROUTER |
  T.MARKETPLACE |
  T.MARKETPLACEAPP |
  T.VMGROUP |
  T.VNTEMPLATE;
const INVALID_GROUP_OBJECTS = T.HOST | T.GROUP | T.CLUSTER | T.ZONE | T.VDC;
const FEDERATED_OBJECTS = T.USER | T.GROUP | T.ZONE | T.ACL | T.VDC;
/** Type bits above BACKUPJOB, and HOOK: no rule may name them. */
const WRONG_TYPES = 0xfe80000000000000n;

/**
 * Why oned would call the rule malformed, in its words and order (problems joined by
 * "; "), or undefined when the rule is well formed.
 */
export function aclRuleProblems(rule: AclMasks): string | undefined {
  const { user, resource, rights, zone } = rule;
  let text = '';
  let error = false;
  const add = (problem: string, { separated = true } = {}): void => {
    if (error && separated) text += '; ';
    error = true;
    text += problem;
  };

  if ((user & INDIVIDUAL) !== 0n && (user & GROUP) !== 0n) {
    add('[user] INDIVIDUAL (#) and GROUP (@) bits are exclusive');
  }
  if ((user & INDIVIDUAL) !== 0n && (user & ALL) !== 0n) {
    add('[user] INDIVIDUAL (#) and ALL (*) bits are exclusive');
  }
  if ((user & GROUP) !== 0n && (user & ALL) !== 0n) {
    add('[user] GROUP (@) and ALL (*) bits are exclusive');
  }
  if ((user & 0x700000000n) === 0n) {
    add('[user] is missing one of the INDIVIDUAL, GROUP or ALL bits');
  }
  if (maskId(user) < 0) add('[user] ID cannot be negative');
  if ((user & ALL) !== 0n && maskId(user) !== 0) {
    add('when using the ALL bit, [user] ID must be 0');
  }

  const selector = resource & SELECTOR_MASK;
  if (
    ((resource & INDIVIDUAL) !== 0n && selector !== INDIVIDUAL) ||
    ((resource & GROUP) !== 0n && selector !== GROUP) ||
    ((resource & CLUSTER) !== 0n && selector !== CLUSTER) ||
    ((resource & ALL) !== 0n && selector !== ALL)
  ) {
    add('[resource] INDIVIDUAL (#), GROUP (@), CLUSTER (%) and ALL (*) bits are exclusive');
  }
  const types = resource & TYPE_MASK;
  if ((resource & CLUSTER) !== 0n && (types & INVALID_CLUSTER_OBJECTS) !== 0n) {
    add('[resource] CLUSTER(%) selector can be applied only to DATASTORE, HOST and NET types');
  }
  if ((resource & GROUP) !== 0n && (types & INVALID_GROUP_OBJECTS) !== 0n) {
    add(
      '[resource] GROUP(@) selector cannot be applied to HOST, GROUP, CLUSTER, ZONE or VDC types',
    );
  }
  if (selector === 0n) {
    add('[resource] is missing one of the INDIVIDUAL, GROUP, CLUSTER or ALL bits');
  }
  if (maskId(resource) < 0) add('[resource] ID cannot be negative');
  if ((resource & ALL) !== 0n && maskId(resource) !== 0) {
    add('when using the ALL bit, [resource] ID must be 0');
  }
  if (types === 0n) add('[resource] type is missing');
  if ((resource & WRONG_TYPES) !== 0n) add('wrong [resource] type');

  if (rights === 0n) add('wrong [rights], it cannot be 0');
  if (rights > 0xfn) add('wrong [rights], it cannot be bigger than 0xF');

  // oned forgets the separator before this one.
  if ((zone & GROUP) !== 0n) add('[zone] GROUP (@) bit is not supported', { separated: false });
  if ((zone & INDIVIDUAL) !== 0n && (zone & ALL) !== 0n) {
    add('[zone] INDIVIDUAL (#) and ALL (*) bits are exclusive');
  }
  if ((zone & 0x700000000n) === 0n) add('[zone] is missing one of the INDIVIDUAL or ALL bits');
  if (maskId(zone) < 0) add('[zone] ID cannot be negative');
  if ((zone & ALL) !== 0n && maskId(zone) !== 0) {
    add('when using the ALL bit, [zone] ID must be 0');
  }
  if (
    (zone & ALL) !== 0n &&
    (resource & INDIVIDUAL) !== 0n &&
    (types & FEDERATED_OBJECTS) !== types
  ) {
    add(
      '[resource] INDIVIDUAL(#) selector cannot be applied to ALL zones, except for USER, GROUP and ZONE types',
    );
  }
  return error ? text : undefined;
}
