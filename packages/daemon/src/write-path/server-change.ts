import type { WriteOp, WriteTransaction } from '../storage/index.js';

/**
 * A change to the servers of a zone, carried by a log entry of its own. The zone's row is
 * not written into the entry: every server computes it from its own state when it applies
 * the entry (one change at a time, so all compute the same row), and a zone's Raft learns
 * its new configuration from the same entry.
 * - add-learner: the server receives the log without a vote (it is not in SERVER_POOL yet);
 * - promote: the server becomes a voter and joins the zone's SERVER_POOL;
 * - remove: the server leaves SERVER_POOL (and the learners).
 */
export interface ServerChange {
  readonly type: 'add-learner' | 'promote' | 'remove';
  /** The server id (SERVER_ID in the new server's oned.conf). */
  readonly id: number;
  readonly zoneId: number;
  /** NAME and ENDPOINT of the server; required for add-learner and promote. */
  readonly name?: string;
  readonly endpoint?: string;
}

/** Computes, inside the apply transaction, the writes that a server change makes. */
export type ServerChangeWrites = (
  tx: WriteTransaction,
  change: ServerChange,
) => Promise<readonly WriteOp[]>;
