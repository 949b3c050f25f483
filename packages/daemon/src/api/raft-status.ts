// one.zone.raftstatus: the RAFT document, elements in raftstatus.xsd's order. A solo
// server (FEDERATION/SERVER_ID -1) reports SERVER_ID -1, STATE 0, the stored TERM and
// VOTEDFOR, COMMIT 0 (oned never advances it without Raft), and LOG_INDEX/LOG_TERM -1.
// FEDLOG_INDEX is -1 when federation is off, else the highest federated index, printed
// unsigned, so an empty federated log shows 18446744073709551615 as oned does.
import { UINT64_MAX } from '../storage/index.js';
import type { HardState } from '../write-path/index.js';

export const raftStates = { SOLO: 0, CANDIDATE: 1, FOLLOWER: 2, LEADER: 3 } as const;

export interface RaftStatus {
  readonly serverId: number;
  readonly state: number;
  readonly term: number;
  readonly votedFor: number;
  readonly commit: bigint;
  readonly logIndex: bigint;
  readonly logTerm: number;
  readonly fedlogIndex: bigint;
}

export interface RaftStatusSource {
  status(): Promise<RaftStatus>;
}

export function raftStatusXml(s: RaftStatus): string {
  return (
    `<RAFT><SERVER_ID>${s.serverId}</SERVER_ID><STATE>${s.state}</STATE><TERM>${s.term}</TERM>` +
    `<VOTEDFOR>${s.votedFor}</VOTEDFOR><COMMIT>${s.commit}</COMMIT><LOG_INDEX>${s.logIndex}</LOG_INDEX>` +
    `<LOG_TERM>${s.logTerm}</LOG_TERM><FEDLOG_INDEX>${s.fedlogIndex}</FEDLOG_INDEX></RAFT>`
  );
}

/** What a solo status needs from the log store. */
export interface SoloRaftLog {
  readonly hardState: HardState;
  lastFederatedIndex(): Promise<bigint | undefined>;
}

export function soloRaftStatus(
  log: SoloRaftLog,
  o: { federationEnabled: boolean },
): RaftStatusSource {
  return {
    async status() {
      const fedlogIndex = o.federationEnabled
        ? ((await log.lastFederatedIndex()) ?? UINT64_MAX)
        : -1n;
      return {
        serverId: -1,
        state: raftStates.SOLO,
        term: log.hardState.term,
        votedFor: log.hardState.votedFor,
        commit: 0n,
        logIndex: -1n,
        logTerm: -1,
        fedlogIndex,
      };
    },
  };
}
