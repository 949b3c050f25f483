// Where a call runs on a server of a federation slave zone (reference §2.4). The federated
// tables have one writer, the master zone: a slave re-sends each federated write it would
// run, unchanged (same body, same session), to MASTER_ONED and returns the master's answer
// as it is; the change comes back to the zone through the federation log. Reads, and every
// call that is not a federated write, run in the zone as on any other server.
//
// Order in an HA slave zone: the zone's own routing decides first, as oned's dispatch does.
// A follower sends the call, unchanged, to its zone leader; a candidate or a reconciling
// leader refuses it; the server that would run the call (the leader, or a solo server)
// checks that its zone is enabled and proxies it to the master. So only the leader of a
// slave zone talks to the master, and `onezone disable` on a slave zone stops federated
// writes made through that zone without touching any other zone.
import type { RouteDecision, Router, RoutedMethod } from '../rpc/index.js';
import { forwardCall } from '../ha/forward.js';

/**
 * The federated writes a slave proxies to the master: oned's list (§2.4) restricted to the
 * methods this daemon serves. one.zone.allocate is here too: the master answers it, and
 * refuses it when it is not a master itself. OneKit's onekit.user.import (a user recreated
 * with its stored password) goes the same way.
 */
export const slaveProxiedMethods: ReadonlySet<string> = new Set([
  'one.acl.addrule',
  'one.acl.delrule',
  'one.group.allocate',
  'one.group.delete',
  'one.group.update',
  'one.group.addadmin',
  'one.group.deladmin',
  'one.user.allocate',
  'one.user.update',
  'one.user.delete',
  'one.user.passwd',
  'one.user.chgrp',
  'one.user.addgroup',
  'one.user.delgroup',
  'one.user.chauth',
  'one.user.login',
  'one.user.enable',
  'one.zone.allocate',
  'one.zone.update',
  'one.zone.delete',
  'one.zone.rename',
  'onekit.user.import',
]);

/** oned's answer when the master cannot be reached (INTERNAL, after the method prefix). */
export const MASTER_UNREACHABLE = 'Could not connect to the federation master oned';

/** How long the master may take to answer a proxied call. */
const MASTER_TIMEOUT_MS = 10_000;

/** Sends a request body to an endpoint and resolves to the answer body (HTTP 200 only). */
export type SendCall = (endpoint: string, body: Uint8Array, timeoutMs: number) => Promise<string>;

export interface SlaveRouterOptions {
  /** The zone's own router: solo, or HA (follower to leader). */
  readonly zone: Router;
  /** FEDERATION/MASTER_ONED. */
  readonly masterEndpoint: string;
  /** Whether this server's zone is disabled now (a disabled zone proxies nothing). */
  readonly zoneDisabled: () => boolean;
  /** How calls reach the master; the daemon's forwarder unless given. */
  readonly send?: SendCall;
}

export function slaveRouter(o: SlaveRouterOptions): Router {
  const send = o.send ?? forwardCall;
  const toMaster = async (ready: (() => Promise<void>) | undefined, body: Uint8Array) => {
    await ready?.();
    try {
      return await send(o.masterEndpoint, body, MASTER_TIMEOUT_MS);
    } catch (err) {
      throw new Error(MASTER_UNREACHABLE, { cause: err });
    }
  };
  return {
    route(method: RoutedMethod): RouteDecision {
      const inZone = o.zone.route(method);
      if (!slaveProxiedMethods.has(method.name) || inZone.kind !== 'local') return inZone;
      if (o.zoneDisabled()) {
        return { kind: 'refuse', message: 'Cannot process request, zone disabled' };
      }
      return { kind: 'forward', send: (body) => toMaster(inZone.ready, body) };
    },
  };
}
