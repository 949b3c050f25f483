import { UINT64_MAX, type WriteOp, type WriteTransaction } from '../storage/index.js';
import { insertRecord } from './log-rows.js';

/** A batch of writes waiting for an index. */
export interface Proposal {
  readonly ops: readonly WriteOp[];
  /** fed_index = the entry's own index (federation master) rather than UINT64_MAX. */
  readonly ownFedIndex: boolean;
  /** A state check: its writes are computed when it is applied (ops then empty). */
  readonly check?: true;
}

export type ProposalOutcome = { readonly index: bigint } | { readonly error: unknown };

interface ApplyProposalsOptions {
  readonly firstIndex: bigint;
  readonly term: number;
  /** Apply time, epoch seconds. */
  readonly timestamp: number;
  /** Computes a state check's writes at its index. */
  readonly stateCheckWrites?: (tx: WriteTransaction, index: bigint) => Promise<readonly WriteOp[]>;
}

/**
 * Inside one transaction, gives each proposal the next index, runs its ops and records it
 * applied, each under its own savepoint: a proposal whose ops fail is rolled back, gets no
 * index and leaves no record, and the proposals after it take the index it did not use.
 */
export async function applyProposals(
  tx: WriteTransaction,
  proposals: readonly Proposal[],
  { firstIndex, term, timestamp, stateCheckWrites }: ApplyProposalsOptions,
): Promise<ProposalOutcome[]> {
  const outcomes: ProposalOutcome[] = [];
  let index = firstIndex;
  for (const { ops, ownFedIndex, check } of proposals) {
    const fedIndex = ownFedIndex ? index : UINT64_MAX;
    const entry = { index, term, fedIndex, ops, timestamp, ...(check && { check }) };
    try {
      await tx.savepoint(async () => {
        const writes = check && stateCheckWrites ? await stateCheckWrites(tx, index) : ops;
        for (const op of writes) await tx.run(op);
        await tx.run(insertRecord(entry, { applied: true }));
      });
      outcomes.push({ index });
      index++;
    } catch (error) {
      // The caller of this proposal gets the error; the batch goes on.
      outcomes.push({ error });
    }
  }
  return outcomes;
}
