// A user as oned keeps it in user_pool.body (the USER document without quotas).
import type { Template } from '@onekit/core';

export interface LoginToken {
  readonly token: string;
  /** Epoch seconds; -1 never expires. */
  readonly expires: number;
  /** Effective group of a scoped token; -1 for a full token. */
  readonly egid: number;
}

export interface UserRecord {
  readonly id: number;
  readonly name: string;
  /** Primary group. */
  readonly gid: number;
  readonly gname: string;
  /** Every group, primary included, ascending. */
  readonly groups: readonly number[];
  /** SHA-256 hex for the core driver; what the driver needs otherwise. */
  readonly password: string;
  readonly authDriver: string;
  readonly enabled: boolean;
  /** Sorted by token, as oned keeps them. */
  readonly loginTokens: readonly LoginToken[];
  /** Treat as read-only: change a clone. */
  readonly template: Template;
}

export const ONEADMIN_UID = 0;
export const SERVERADMIN_UID = 1;
export const SERVERADMIN_NAME = 'serveradmin';

/** A sorted list of distinct ids, as oned's id collections keep them. */
export function sortedIds(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}
