export * from './committer.js';
export * from './entry-scope.js';
export * from './log-entry.js';
export type { PurgeOptions } from './log-purge.js';
export * from './log-store.js';
export type { Proposal, ProposalOutcome } from './proposals.js';
export * from './raft-state.js';
export * from './sqlcmd.js';
