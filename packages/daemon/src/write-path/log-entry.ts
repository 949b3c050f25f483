import type { WriteOp } from '../storage/index.js';

/** One change of state: a batch of writes applied in one transaction, a row of logdb. */
export interface LogEntry {
  readonly index: bigint;
  readonly term: number;
  /** UINT64_MAX for a local-only entry; the master's index for a federated one. */
  readonly fedIndex: bigint;
  readonly ops: readonly WriteOp[];
  /** When the entry was applied (epoch seconds); 0 while it is not (oned's convention). */
  readonly timestamp: number;
}

/** An entry as stored in logdb. */
export interface LogRecord extends LogEntry {
  readonly applied: boolean;
}

/** The persistent Raft state, kept in system_attributes under RAFT_STATE. */
export interface HardState {
  readonly term: number;
  /** Server id voted for in `term`; -1 when none. */
  readonly votedFor: number;
}

/** Epoch milliseconds; injected so that tests control time. */
export type Clock = () => number;

/** FEDERATION/MODE of oned.conf, as far as the write path cares. */
export type FederationMode = 'STANDALONE' | 'MASTER' | 'SLAVE';
