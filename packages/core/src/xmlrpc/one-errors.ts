// OpenNebula's API error codes and the messages oned builds for them. Every message
// starts with `[<method>] `, the name of the XML-RPC method that failed.

export const oneErrorCodes = {
  SUCCESS: 0x0000,
  AUTHENTICATION: 0x0100,
  AUTHORIZATION: 0x0200,
  NO_EXISTS: 0x0400,
  ACTION: 0x0800,
  /** Named XML_RPC_API up to 4.x. */
  RPC_API: 0x1000,
  INTERNAL: 0x2000,
  /** Since 5.4. */
  ALLOCATE: 0x4000,
  /** Since 5.6. */
  LOCKED: 0x8000,
  /** Since 5.10. */
  REPLICATION: 0x10000,
  // Raised by clients, never sent by oned.
  /** The client has no such method or setting. */
  ENOTDEFINED: 0xf001,
  /** The XML-RPC call itself failed (connection, protocol). */
  EXML_RPC_CALL: 0xf002,
  /** The gRPC call itself failed (7.x clients). */
  EGRPC_CALL: 0xf004,
  /** The call timed out. */
  ETIMEOUT: 0xf008,
} as const;

export type OneErrorName = keyof typeof oneErrorCodes;
export type OneErrorCode = (typeof oneErrorCodes)[OneErrorName];

const namesByCode = new Map<number, OneErrorName>(
  Object.entries(oneErrorCodes).map(([name, code]) => [code, name as OneErrorName]),
);

/** The name of a code (`0x0400` → `NO_EXISTS`), or undefined for codes OpenNebula does not define. */
export function oneErrorName(code: number): OneErrorName | undefined {
  return namesByCode.get(code);
}

/** 64-bit indexes are unsigned in oned: the wire's -1 prints as 18446744073709551615. */
function unsigned64(index: bigint): bigint {
  return BigInt.asUintN(64, index);
}

function withPrefix(method: string, text: string): string {
  return `[${method}] ${text}`;
}

/**
 * The failure messages oned sends, one builder per error code. `object` is oned's name
 * for the kind of object (`zone`, `user`, `virtual machine`, ...); an `id` of -1 or
 * none means the pool rather than one object.
 */
export const oneMessages = {
  authentication(method: string): string {
    return `[${method}] User couldn't be authenticated, aborting call.`;
  },

  authorization(method: string, o: { uid: number; object: string; reason?: string }): string {
    const detail = o.reason ? `: ${o.reason}.` : `not authorized to perform action on ${o.object}.`;
    return `[${method}] User [${o.uid}] ${detail}`;
  },

  noExists(method: string, o: { object: string; id?: number }): string {
    const which = o.id === undefined || o.id === -1 ? ' Pool.' : ` [${o.id}].`;
    return `[${method}] Error getting ${o.object}${which}`;
  },

  allocate(method: string, o: { object: string; reason?: string }): string {
    return `[${method}] Error allocating a new ${o.object}.${o.reason ? ` ${o.reason}` : ''}`;
  },

  locked(method: string, o: { object: string; id?: number }): string {
    const which = o.id === undefined || o.id === -1 ? '' : ` [${o.id}].`;
    return `[${method}] The resource ${o.object} is locked.${which}`;
  },

  replication(method: string, o: { index: bigint; reason?: string }): string {
    const detail = o.reason ? `: ${o.reason}.` : '.';
    return `[${method}] Error replicating log entry ${unsigned64(o.index)}${detail}`;
  },

  /** ACTION, RPC_API and INTERNAL carry free text after the prefix. */
  action: withPrefix,
  rpcApi: withPrefix,
  internal: withPrefix,
} as const;
