import { OneKitError } from '@onekit/core';
import type { WriteOp } from '../storage/index.js';
import { checkEntryScope } from './entry-scope.js';
import type { FederationMode } from './log-entry.js';
import type { LogStore } from './log-store.js';
import type { Proposal } from './proposals.js';

/**
 * The write was not committed for a reason of the zone's state (no leader, leadership lost,
 * a leader still reconciling its log). The API answers it as oned does: an INTERNAL failure
 * with this text.
 */
export class CommitRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommitRefused';
  }
}

export interface CommitOptions {
  /** The ops write federated tables (and must write nothing else). */
  readonly federated: boolean;
}

/** The one way to change state: resolves with the entry's index once it is durable. */
export interface Committer {
  commit(ops: readonly WriteOp[], options: CommitOptions): Promise<{ index: bigint }>;
}

export interface SoloCommitterOptions {
  readonly log: LogStore;
  readonly federation: FederationMode;
  /** Most entries committed by one transaction (group commit); 1 turns batching off. */
  readonly maxBatch?: number;
}

interface Waiting {
  readonly proposal: Proposal;
  readonly resolve: (value: { index: bigint }) => void;
  readonly reject: (reason: unknown) => void;
}

const DEFAULT_MAX_BATCH = 256;

/**
 * The committer of a server without HA (oned's SOLO state). Callers that arrive while a
 * transaction is running wait together and go into the next one, each entry under its own
 * savepoint, so one fsync serves many writers; each caller still gets its own index and
 * its own error, and indexes follow call order without gaps.
 */
export class SoloCommitter implements Committer {
  private readonly log: LogStore;
  private readonly federation: FederationMode;
  private readonly maxBatch: number;
  private waiting: Waiting[] = [];
  private draining: Promise<void> | undefined;

  constructor({ log, federation, maxBatch = DEFAULT_MAX_BATCH }: SoloCommitterOptions) {
    if (!Number.isSafeInteger(maxBatch) || maxBatch < 1) {
      throw new OneKitError('STORAGE', 'maxBatch must be at least 1', { field: 'maxBatch' });
    }
    this.log = log;
    this.federation = federation;
    this.maxBatch = maxBatch;
  }

  commit(ops: readonly WriteOp[], { federated }: CommitOptions): Promise<{ index: bigint }> {
    try {
      checkEntryScope(ops, { federated });
    } catch (err) {
      return Promise.reject(err);
    }
    const fedIndex = federated && this.federation === 'MASTER' ? 'own' : 'none';
    const proposal: Proposal = { ops, fedIndex };
    return new Promise((resolve, reject) => {
      this.waiting.push({ proposal, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Commits a state check entry (see ComputedWrites.stateCheckWrites). */
  commitCheck(): Promise<{ index: bigint }> {
    const proposal: Proposal = { ops: [], fedIndex: 'none', check: true };
    return new Promise((resolve, reject) => {
      this.waiting.push({ proposal, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves when every commit already requested has settled. */
  async idle(): Promise<void> {
    await this.draining;
  }

  private async drain(): Promise<void> {
    // Wait for the end of this turn of the event loop, so that every request already read
    // from the sockets joins the first batch: one fsync then serves all of them.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const outcomes = await this.log.commitProposals(
          batch.map((w) => w.proposal),
          { term: this.log.hardState.term },
        );
        outcomes.forEach((outcome, i) => {
          if ('index' in outcome) batch[i]!.resolve({ index: outcome.index });
          else batch[i]!.reject(outcome.error);
        });
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.draining = undefined;
  }
}
