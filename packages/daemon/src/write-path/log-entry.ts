import type { WriteOp } from '../storage/index.js';
import type { ServerChange } from './server-change.js';

/** One change of state: a batch of writes applied in one transaction, a row of logdb. */
export interface LogEntry {
  readonly index: bigint;
  readonly term: number;
  /** UINT64_MAX for a local-only entry; the master's index for a federated one. */
  readonly fedIndex: bigint;
  readonly ops: readonly WriteOp[];
  /** A change to a zone's servers, applied by computing the zone row (ops are then empty). */
  readonly server?: ServerChange;
  /** A state check: applying it records a hash of the state (ops are then empty). */
  readonly check?: true;
  /** When the entry was applied (epoch seconds); 0 while it is not (oned's convention). */
  readonly timestamp: number;
}

/** An entry as it travels between servers: the encoded sqlcmd, never decoded on the way. */
export interface EncodedEntry {
  readonly index: bigint;
  readonly term: number;
  readonly fedIndex: bigint;
  readonly sqlcmd: string;
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
