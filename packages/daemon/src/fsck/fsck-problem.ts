import type { StorageReader, WriteOp } from '../storage/index.js';
import type { FederationMode } from '../write-path/index.js';
import type { FsckModel } from './fsck-model.js';

/** One inconsistency fsck found: the table, the object and what is wrong with it. */
export interface FsckProblem {
  readonly table: string;
  /** The object's id (a pool_control row: its tablename). */
  readonly id: number | string;
  /** One line, in oned's fsck style: "Group 1 is missing user 5 in its member list". */
  readonly message: string;
  /** Whether fsck can repair it; bodies that do not parse and log gaps are only reported. */
  readonly fixable: boolean;
}

/** What a check reads and where it reports: the model of the pools and the writes of the fix. */
export interface CheckContext extends StorageReader {
  readonly model: FsckModel;
  readonly federation: FederationMode;
  /** Epoch seconds, for rows fsck has to create. */
  readonly now: number;
  report(problem: FsckProblem): void;
  /** A write of the fix; runs only when fsck repairs (not with --dry). */
  write(op: WriteOp): void;
}

export type Check = (ctx: CheckContext) => Promise<void>;
