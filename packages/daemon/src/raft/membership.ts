// The servers of a zone as Raft sees them. Voters elect and count toward commit; learners
// receive the log but count for nothing. A change is validated against the configuration in
// force and yields a NEW configuration: the live one is never mutated (etcd's confchange).

/** OpenNebula server ids (0, 1, 2, ...), as given by `onezone server-add`. */
export type ServerId = number;

export interface Membership {
  readonly voters: readonly ServerId[];
  readonly learners: readonly ServerId[];
}

/**
 * One step of reconfiguration. `add-learner` brings a new server in without a vote,
 * `promote` turns a learner into a voter, `remove` takes a voter or learner out.
 */
export interface MembershipChange {
  readonly type: 'add-learner' | 'promote' | 'remove';
  readonly id: ServerId;
}

/** Why a change cannot apply to a configuration. */
export type MembershipProblem = 'already-member' | 'not-learner' | 'not-member' | 'last-voter';

export type MembershipOutcome =
  | { readonly ok: true; readonly membership: Membership }
  | { readonly ok: false; readonly problem: MembershipProblem };

export function isVoter(m: Membership, id: ServerId): boolean {
  return m.voters.includes(id);
}

export function isMember(m: Membership, id: ServerId): boolean {
  return m.voters.includes(id) || m.learners.includes(id);
}

/** Voters then learners, each in ascending order. */
export function members(m: Membership): ServerId[] {
  return [...m.voters, ...m.learners];
}

const ascending = (ids: Iterable<ServerId>): ServerId[] => [...ids].sort((a, b) => a - b);

export function applyMembershipChange(m: Membership, change: MembershipChange): MembershipOutcome {
  const { id } = change;
  const voters = m.voters.filter((v) => v !== id);
  const learners = m.learners.filter((l) => l !== id);
  switch (change.type) {
    case 'add-learner':
      if (isMember(m, id)) return { ok: false, problem: 'already-member' };
      return { ok: true, membership: { voters: m.voters, learners: ascending([...learners, id]) } };
    case 'promote':
      if (!m.learners.includes(id)) return { ok: false, problem: 'not-learner' };
      return { ok: true, membership: { voters: ascending([...voters, id]), learners } };
    case 'remove':
      if (!isMember(m, id)) return { ok: false, problem: 'not-member' };
      if (voters.length === 0) return { ok: false, problem: 'last-voter' };
      return { ok: true, membership: { voters, learners } };
  }
}

/** What is wrong with a configuration given from outside: duplicates, overlap, no voter. */
export function membershipDefect(m: Membership): string | undefined {
  const all = members(m);
  if (m.voters.length === 0) return 'a configuration needs at least one voter';
  if (all.some((id) => !Number.isInteger(id) || id < 0)) return 'server ids are integers >= 0';
  if (new Set(all).size !== all.length) return 'a server appears twice';
  return undefined;
}
