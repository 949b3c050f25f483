// What every XML-RPC method of the daemon is: a declared signature, how it behaves in an
// HA zone and a disabled zone, and a handler that returns the success value or throws
// OneApiError. The RPC server authenticates, checks the signature, routes (forwarding to
// the leader or the federation master when the method says so) and then calls the handler.
import type { OneErrorCode, XmlRpcInput } from '@onekit/core';

/** Parameter types after the session string, in xmlrpc-c's terms. */
export type ParamKind = 'string' | 'int' | 'i8' | 'boolean';

/** Who is calling, once the session has been authenticated. */
export interface Caller {
  readonly uid: number;
  readonly name: string;
  /** Primary group. */
  readonly gid: number;
  readonly gname: string;
  /** Every group the user belongs to (primary included). */
  readonly groups: readonly number[];
  /** Effective group of a scoped login token: the caller acts with this group only. */
  readonly egid?: number;
}

/** A failure the way oned reports it: code, full message (with `[method] `), resp_id. */
export class OneApiError extends Error {
  constructor(
    readonly code: OneErrorCode,
    message: string,
    readonly respId: number = -1,
    /** replication_idx (value[4]): a federation slave's last federated index. */
    readonly replicationIndex?: bigint,
  ) {
    super(message);
    this.name = 'OneApiError';
  }
}

export interface MethodSpec<Services> {
  readonly name: string;
  readonly params: readonly ParamKind[];
  /** Parameters from this position on may be left out (oned's optional trailing args). */
  readonly optionalFrom?: number;
  /** Default true: a follower forwards the call to the leader (reference §2.1). */
  readonly leaderOnly?: boolean;
  /** Default false: a disabled zone refuses the call. */
  readonly allowedWhenDisabled?: boolean;
  /** A federated write: a slave zone forwards the call to the master unchanged (§2.4). */
  readonly federated?: boolean;
  readonly handler: (call: MethodCallContext<Services>) => Promise<XmlRpcInput>;
}

export interface MethodCallContext<Services> {
  readonly method: string;
  readonly caller: Caller;
  /** The parameters after the session, checked against `params`. */
  readonly params: readonly unknown[];
  readonly services: Services;
}
