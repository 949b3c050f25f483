// Which objects of a pool a requester may see in a pool listing, decided as oned builds
// its SQL filter: the rules that grant the right to the requester (everyone, its uid, its
// groups) in this zone name objects of the type by id, group or cluster, or all of them;
// besides those, owners see their objects and permission bits open them to group and others.
import {
  maskId,
  objectTypeBits,
  rightBits,
  selectorBits,
  type AclRule,
  type ObjectType,
  type Right,
} from '@onekit/core';
import { isOneadminRequester, type Requester } from './acl-evaluate.js';

export interface PoolGrant {
  /** Every object of the type is visible. */
  readonly all: boolean;
  readonly oids: ReadonlySet<number>;
  readonly gids: ReadonlySet<number>;
  readonly cids: ReadonlySet<number>;
}

export interface ReverseSearchRequest {
  readonly type: ObjectType;
  readonly right: Right;
  readonly zoneId: number;
  readonly disableAllAcl?: boolean;
  readonly disableClusterAcl?: boolean;
  readonly disableGroupAcl?: boolean;
}

const { INDIVIDUAL, GROUP, ALL, CLUSTER } = selectorBits;

export function reverseSearch(
  rules: readonly AclRule[],
  requester: Requester,
  request: ReverseSearchRequest,
): PoolGrant {
  const oids = new Set<number>();
  const gids = new Set<number>();
  const cids = new Set<number>();
  if (isOneadminRequester(requester)) return { all: true, oids, gids, cids };
  const type = objectTypeBits[request.type];
  const rights = rightBits[request.right];
  const users = new Set([
    ALL,
    INDIVIDUAL | BigInt(requester.uid),
    ...requester.groups.map((g) => GROUP | BigInt(g)),
  ]);
  const zones = [INDIVIDUAL | BigInt(request.zoneId), ALL];
  for (const rule of rules) {
    if (!users.has(rule.user) || (rule.rights & rights) !== rights || !zones.includes(rule.zone))
      continue;
    const r = rule.resource;
    if (!request.disableAllAcl && (r & (type | ALL)) === (type | ALL))
      return { all: true, oids, gids, cids };
    if (!request.disableGroupAcl && (r & (type | GROUP)) === (type | GROUP)) gids.add(maskId(r));
    else if (!request.disableClusterAcl && (r & (type | CLUSTER)) === (type | CLUSTER))
      cids.add(maskId(r));
    else if ((r & (type | INDIVIDUAL)) === (type | INDIVIDUAL)) oids.add(maskId(r));
  }
  return { all: false, oids, gids, cids };
}

/** What a pool row exposes to the listing filter (oned's uid, gid, group_u, other_u columns). */
export interface PoolRowAuth {
  readonly oid: number;
  readonly uid: number;
  readonly gid: number;
  readonly groupU: number;
  readonly otherU: number;
  readonly clusters?: readonly number[];
}

/** oned's filter for a listing of the whole pool (filter flag ALL). */
export function visibleInPool(row: PoolRowAuth, requester: Requester, grant: PoolGrant): boolean {
  if (grant.all) return true;
  return (
    row.uid === requester.uid ||
    row.otherU === 1 ||
    (row.groupU === 1 && requester.groups.includes(row.gid)) ||
    grant.oids.has(row.oid) ||
    grant.gids.has(row.gid) ||
    (row.clusters ?? []).some((cid) => grant.cids.has(cid))
  );
}
