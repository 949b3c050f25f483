// one.zone.raftstatus on a server of an HA zone: its own view of the zone's Raft.
import { raftStates, type RaftStatusSource } from '../api/raft-status.js';
import { UINT64_MAX } from '../storage/index.js';
import type { RaftNode } from './raft-node.js';

const stateOf = {
  leader: raftStates.LEADER,
  follower: raftStates.FOLLOWER,
  candidate: raftStates.CANDIDATE,
};

export function haRaftStatus(
  node: RaftNode,
  log: { lastFederatedIndex(): Promise<bigint | undefined> },
  o: { readonly federationEnabled: boolean },
): RaftStatusSource {
  return {
    async status() {
      const s = node.status();
      return {
        serverId: s.id,
        state: stateOf[s.role],
        term: s.term,
        votedFor: s.votedFor,
        commit: s.commit,
        logIndex: s.lastIndex,
        logTerm: s.lastTerm,
        fedlogIndex: o.federationEnabled ? ((await log.lastFederatedIndex()) ?? UINT64_MAX) : -1n,
      };
    },
  };
}
