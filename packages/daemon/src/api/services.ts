// Everything an XML-RPC method may use, as one plain object. Method modules declare the
// part they need as a structural type (MethodSpec<TheirServices>); this object satisfies
// all of them (the identity methods' IdentityServices included). Built once at start.
import type { OnedConf, OnePaths } from '@onekit/core';
import type { AuthorizerPort } from '../authz/authorizer.js';
import type { Logger } from '../log/index.js';
import type { OidAllocator } from '../pools/ids/index.js';
import type { NameHolders } from '../pools/user/identity-services.js';
import type { ZoneState } from '../pools/zone/index.js';
import type { StorageReader } from '../storage/index.js';
import type { Clock, Committer } from '../write-path/index.js';
import type { Caller } from './method.js';
import type { RaftStatusSource } from './raft-status.js';
import type { ZoneServerControl } from './zone-server-control.js';

/** Turns a session string into a Caller, or throws OneApiError AUTHENTICATION. */
export interface Authenticator {
  authenticate(session: string, method: string): Promise<Caller>;
}

/** The zone this server belongs to, with the STATE that gates calls (§2.1). */
export interface LocalZone {
  readonly id: number;
  state: ZoneState;
}

/** Runs read-modify-write sections one at a time, in call order (a SerialQueue). */
export interface WriteSection {
  /** Runs `section` alone. */
  run<T>(section: () => Promise<T>): Promise<T>;
  /** Runs `section` beside sections touching none of `keys` (`user:5`, `group-name:x`). */
  runFor<T>(keys: readonly string[], section: () => Promise<T>): Promise<T>;
}

export interface DaemonServices {
  readonly db: StorageReader;
  /** The one write path: every change of state is committer.commit(ops, { federated }). */
  readonly committer: Committer;
  readonly config: OnedConf;
  readonly paths: OnePaths;
  /** Epoch milliseconds. */
  readonly clock: Clock;
  /** Object ids per pool, with the pool_control write for the same entry. */
  readonly oids: OidAllocator;
  /** Who holds a user or group name, without a read when the name is free. */
  readonly takenNames: NameHolders;
  readonly authenticator: Authenticator;
  readonly authorizer: AuthorizerPort;
  readonly log: Logger;
  /** ZONE_ID, and its STATE as this server last wrote or read it. */
  readonly localZone: LocalZone;
  readonly zoneId: number;
  readonly raft: RaftStatusSource;
  /** The zone's servers: SERVER_POOL written directly (solo) or through the zone's Raft. */
  readonly servers: ZoneServerControl;
  /** Serializes zone_pool's read-modify-write sections. */
  readonly zoneWrites: WriteSection;
  /** Serializes user_pool, group_pool and acl sections (shared with the authenticator). */
  readonly identityWrites: WriteSection;
  /** A new 64-hex random secret each call. */
  readonly randomSecret: () => string;
}
