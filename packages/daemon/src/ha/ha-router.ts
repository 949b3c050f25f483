// Where a call runs in an HA zone (reference §2.1): reads and the internal calls on any
// server; every other call on the leader. A follower sends it, unchanged, to the leader and
// returns the leader's answer; a candidate, a leader still reconciling its log and a
// follower without a known leader refuse it with oned's messages.
// Reads on the leader are linearizable: before answering one.*.info the leader confirms with
// a majority that it still leads (one round shared by the reads of the moment), so a leader
// cut off from its zone never answers with state a newer leader has changed. Followers
// answer reads from their own state, which may lag, as oned's do.
import type { RouteDecision, Router, RoutedMethod } from '../rpc/index.js';
import { forwardCall } from './forward.js';
import type { RaftNode } from './raft-node.js';

/** A leader that cannot confirm it still leads answers no read: a newer leader may exist. */
async function confirmedLeader(node: RaftNode): Promise<void> {
  try {
    await node.linearizableRead();
  } catch {
    throw new Error('Cannot process request, leadership could not be confirmed');
  }
}

/** The methods that read pool state (one.zone.info, one.userpool.info, ...). */
const INFO = /\.info$/;

/** How long a forwarded call may take (oned: 10 s). */
const FORWARD_TIMEOUT_MS = 10_000;

export function haRouter(node: RaftNode): Router {
  return {
    route(method: RoutedMethod): RouteDecision {
      const { role, leader, reconciling } = node.softState;
      if (method.leaderOnly === false) {
        return role === 'leader' && INFO.test(method.name)
          ? { kind: 'local', ready: () => confirmedLeader(node) }
          : { kind: 'local' };
      }
      if (role === 'leader') {
        return reconciling
          ? { kind: 'refuse', message: 'Cannot process request, oned cluster is replicating log' }
          : { kind: 'local' };
      }
      if (role === 'candidate') {
        return { kind: 'refuse', message: 'Cannot process request, oned cluster in election mode' };
      }
      const endpoint = leader === undefined ? undefined : node.endpointOf(leader);
      if (endpoint === undefined) {
        return { kind: 'refuse', message: 'Cannot process request, no leader found' };
      }
      return { kind: 'forward', send: (body) => forwardCall(endpoint, body, FORWARD_TIMEOUT_MS) };
    },
  };
}
