// Runs every check in order over one view of the database. Later checks see the records as
// earlier ones fixed them (a user moved out of a deleted group is then checked against its
// new group's member list), so one run finds everything and a second run finds nothing.
import type { StorageReader, WriteOp } from '../storage/index.js';
import type { FederationMode } from '../write-path/index.js';
import { checkAcl } from './check-acl.js';
import { checkBodies } from './check-bodies.js';
import { checkGroupMembers } from './check-group-members.js';
import { checkLogdb } from './check-logdb.js';
import { checkPoolControl } from './check-pool-control.js';
import { checkUserGroups } from './check-user-groups.js';
import { checkZones } from './check-zones.js';
import { FsckModel } from './fsck-model.js';
import type { Check, FsckProblem } from './fsck-problem.js';

export const checks: readonly Check[] = [
  checkBodies,
  checkUserGroups,
  checkGroupMembers,
  checkAcl,
  checkZones,
  checkPoolControl,
  checkLogdb,
];

export interface FindProblemsOptions {
  readonly federation: FederationMode;
  /** Epoch seconds, for rows fsck creates. */
  readonly now: number;
}

export interface Findings {
  readonly problems: readonly FsckProblem[];
  /** The writes that repair the fixable problems, in order. */
  readonly writes: readonly WriteOp[];
}

export async function findProblems(
  reader: StorageReader,
  o: FindProblemsOptions,
): Promise<Findings> {
  const model = new FsckModel();
  const problems: FsckProblem[] = [];
  const writes: WriteOp[] = [];
  const ctx = {
    backend: reader.backend,
    query: reader.query.bind(reader),
    model,
    federation: o.federation,
    now: o.now,
    report: (problem: FsckProblem) => problems.push(problem),
    write: (op: WriteOp) => writes.push(op),
  };
  for (const check of checks) await check(ctx);
  return { problems, writes: [...writes, ...model.writes()] };
}
