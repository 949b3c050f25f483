import { UINT64_MAX, type WriteOp, type WriteTransaction } from '../storage/index.js';
import { insertRecord, logError } from './log-rows.js';
import type { ServerChange, ServerChangeWrites } from './server-change.js';

/**
 * The fed_index an entry gets: 'own' = its own index (a federated write on a federation
 * master), 'none' = UINT64_MAX (a local entry, or any entry outside a federation), a
 * bigint = the master's index of a federated entry a slave received.
 */
export type ProposalFedIndex = 'own' | 'none' | bigint;

/** A batch of writes waiting for an index. */
export interface Proposal {
  readonly ops: readonly WriteOp[];
  readonly fedIndex: ProposalFedIndex;
  /** A state check: its writes are computed when it is applied (ops then empty). */
  readonly check?: true;
  /** A change to a zone's servers, received from a federation master (ops then empty). */
  readonly server?: ServerChange;
}

function fedIndexAt(fedIndex: ProposalFedIndex, index: bigint): bigint {
  if (fedIndex === 'own') return index;
  return fedIndex === 'none' ? UINT64_MAX : fedIndex;
}

export type ProposalOutcome = { readonly index: bigint } | { readonly error: unknown };

interface ApplyProposalsOptions {
  readonly firstIndex: bigint;
  readonly term: number;
  /** Apply time, epoch seconds. */
  readonly timestamp: number;
  /** Computes a state check's writes at its index. */
  readonly stateCheckWrites?: (tx: WriteTransaction, index: bigint) => Promise<readonly WriteOp[]>;
  /** Computes a server change's writes. */
  readonly serverChangeWrites?: ServerChangeWrites;
  /**
   * After a proposal fails, the later ones are not tried (they fail too): for entries that
   * must be applied in order without gaps, as a federation slave applies the master's.
   */
  readonly stopAtFirstFailure?: boolean;
}

async function writesOf(
  tx: WriteTransaction,
  proposal: Proposal,
  index: bigint,
  o: ApplyProposalsOptions,
): Promise<readonly WriteOp[]> {
  if (proposal.check && o.stateCheckWrites) return o.stateCheckWrites(tx, index);
  if (proposal.server !== undefined) {
    if (!o.serverChangeWrites) throw logError(`entry ${index} changes servers: not here`);
    return o.serverChangeWrites(tx, proposal.server);
  }
  return proposal.ops;
}

/**
 * Inside one transaction, gives each proposal the next index, runs its ops and records it
 * applied, each under its own savepoint: a proposal whose ops fail is rolled back, gets no
 * index and leaves no record, and the proposals after it take the index it did not use.
 */
export async function applyProposals(
  tx: WriteTransaction,
  proposals: readonly Proposal[],
  options: ApplyProposalsOptions,
): Promise<ProposalOutcome[]> {
  const { firstIndex, term, timestamp } = options;
  const outcomes: ProposalOutcome[] = [];
  let index = firstIndex;
  for (const proposal of proposals) {
    const { ops, check, server } = proposal;
    const fedIndex = fedIndexAt(proposal.fedIndex, index);
    const entry = {
      index,
      term,
      fedIndex,
      ops,
      timestamp,
      ...(check && { check }),
      ...(server && { server }),
    };
    try {
      await tx.savepoint(async () => {
        for (const op of await writesOf(tx, proposal, index, options)) await tx.run(op);
        await tx.run(insertRecord(entry, { applied: true }));
      });
      outcomes.push({ index });
      index++;
    } catch (error) {
      // The caller of this proposal gets the error; the batch goes on unless told not to.
      outcomes.push({ error });
      if (options.stopAtFirstFailure) {
        while (outcomes.length < proposals.length) outcomes.push({ error });
        break;
      }
    }
  }
  return outcomes;
}
