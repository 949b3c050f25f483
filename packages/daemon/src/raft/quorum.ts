// Majority arithmetic over the voters of one configuration (learners never count).
import type { ServerId } from './membership.js';

/** How many of `voters` servers make a majority: floor(n/2) + 1. */
export function majority(voters: number): number {
  return Math.floor(voters / 2) + 1;
}

/**
 * The highest index that a majority of voters hold: with the voters' match indexes sorted
 * from high to low, the one at position majority - 1. A voter without progress holds 0.
 */
export function committedIndex(
  voters: readonly ServerId[],
  match: (id: ServerId) => bigint | undefined,
): bigint {
  if (voters.length === 0) return 0n;
  const sorted = voters.map((id) => match(id) ?? 0n).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
  return sorted[majority(voters.length) - 1];
}

export type VoteResult = 'won' | 'lost' | 'pending';

/** Tallies the answers of voters (true = granted); answers from non-voters are ignored. */
export function voteResult(
  voters: readonly ServerId[],
  votes: ReadonlyMap<ServerId, boolean>,
): VoteResult {
  let granted = 0;
  let missing = 0;
  for (const id of voters) {
    const vote = votes.get(id);
    if (vote === undefined) missing++;
    else if (vote) granted++;
  }
  const needed = majority(voters.length);
  if (granted >= needed) return 'won';
  if (granted + missing >= needed) return 'pending';
  return 'lost';
}

/** Whether the voters for which `active` holds are a majority. */
export function hasQuorum(voters: readonly ServerId[], active: (id: ServerId) => boolean): boolean {
  return voters.filter(active).length >= majority(voters.length);
}
