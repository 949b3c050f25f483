import { OneKitError } from '@onekit/core';
import type { ServerId } from './membership.js';

export interface RaftConfig {
  id: ServerId;
  /** A follower or candidate waits a random count in [electionTicks, 2*electionTicks). */
  electionTicks: number;
  /** A leader sends heartbeats every heartbeatTicks; must be below electionTicks. */
  heartbeatTicks: number;
  /** Most entries in one append (batching). */
  maxEntriesPerAppend: number;
  /** Appends sent to a replicating follower without waiting for the answer (pipelining). */
  maxInflightAppends: number;
  /** A leader that has not heard from a majority for electionTicks steps down. */
  checkQuorum: boolean;
  /**
   * Before campaigning, a server asks whether it could win, without raising its term (Raft
   * thesis §9.6): one cut off from the zone keeps its term, so it cannot make a healthy
   * leader step down when it comes back.
   */
  preVote?: boolean;
}

/** Uniform in [0, 1); injected so that elections are reproducible. */
export type Rng = () => number;

const positive: (keyof RaftConfig)[] = [
  'electionTicks',
  'heartbeatTicks',
  'maxEntriesPerAppend',
  'maxInflightAppends',
];

export function validateRaftConfig(config: RaftConfig): void {
  const invalid = (field: keyof RaftConfig, message: string) =>
    new OneKitError('CONFIG_INVALID', message, { field });
  if (!Number.isInteger(config.id) || config.id < 0) {
    throw invalid('id', `server id must be an integer >= 0, not ${config.id}`);
  }
  for (const field of positive) {
    const value = config[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw invalid(field, `${field} must be an integer >= 1, not ${String(value)}`);
    }
  }
  if (config.heartbeatTicks >= config.electionTicks) {
    throw invalid('heartbeatTicks', 'heartbeatTicks must be below electionTicks');
  }
}
