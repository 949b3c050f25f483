// What the identity methods need from the daemon's services object. The spine's services
// satisfy it structurally.
import type { MethodCallContext } from '../../api/method.js';
import type { AuthorizerPort } from '../../authz/authorizer.js';
import type { NamedPool } from '../names/taken-names.js';
import type { StorageReader, WriteOp } from '../../storage/index.js';
import type { Clock, Committer } from '../../write-path/index.js';

/** Pools whose ids the identity methods allocate. */
export type IdentityPool = 'user_pool' | 'group_pool' | 'acl';

export interface OidAllocator {
  /**
   * Reserves the next id of a pool. `control` is the pool_control write recording it,
   * committed in the same entry as the object.
   */
  next(pool: IdentityPool): Promise<{ readonly oid: number; readonly control: WriteOp }>;
}

/** Runs read-modify-write sections one at a time (a SerialQueue does). */
export interface WriteSection {
  /** Runs `section` alone. */
  run<T>(section: () => Promise<T>): Promise<T>;
  /** Runs `section` beside sections touching none of `keys` (`user:5`, `group-name:x`). */
  runFor<T>(keys: readonly string[], section: () => Promise<T>): Promise<T>;
}

/** Who holds a user or group name (pools/names/taken-names.ts). */
export interface NameHolders {
  holder(pool: NamedPool, name: string): Promise<number | undefined>;
}

export interface IdentityServices {
  readonly db: StorageReader;
  readonly takenNames: NameHolders;
  readonly committer: Committer;
  /** Epoch milliseconds. */
  readonly clock: Clock;
  readonly oids: OidAllocator;
  readonly authorizer: AuthorizerPort;
  /** Serializes the identity pools' read-modify-write sections (shared with the authenticator). */
  readonly identityWrites: WriteSection;
  /** A new 64-hex random secret each call (TOKEN_PASSWORD, login tokens). */
  readonly randomSecret: () => string;
  /** The zone this server belongs to (ZONE_ID). */
  readonly zoneId: number;
}

/** A call of one of the identity methods. */
export type IdentityCall = MethodCallContext<IdentityServices>;

/** Commits writes of the federated identity tables. */
export function commitFederated(
  call: IdentityCall,
  ops: readonly WriteOp[],
): Promise<{ index: bigint }> {
  return call.services.committer.commit(ops, { federated: true });
}
