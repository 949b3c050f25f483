// oned's RAFT timeouts in milliseconds, turned into the core's ticks. A tick is a fifth of
// the heartbeat period (at most 100 ms, at least 5 ms), so that the election timeout,
// randomized by the core between one and two timeouts, keeps a fine grain. A request to
// another server waits XMLRPC_TIMEOUT_MS for its answer; 0 (no timeout for oned) waits one
// election timeout, since a request that never ends would hold its place for good.
import type { RaftConfig } from '@onekit/core';

export interface RaftTiming {
  readonly tickMs: number;
  readonly electionTicks: number;
  readonly heartbeatTicks: number;
  readonly peerTimeoutMs: number;
}

export function raftTiming(raft: RaftConfig): RaftTiming {
  const tickMs = Math.min(100, Math.max(5, Math.floor(raft.broadcastTimeoutMs / 5)));
  const heartbeatTicks = Math.max(1, Math.round(raft.broadcastTimeoutMs / tickMs));
  const electionTicks = Math.max(heartbeatTicks + 1, Math.round(raft.electionTimeoutMs / tickMs));
  const peerTimeoutMs = raft.xmlrpcTimeoutMs > 0 ? raft.xmlrpcTimeoutMs : raft.electionTimeoutMs;
  return { tickMs, electionTicks, heartbeatTicks, peerTimeoutMs };
}
