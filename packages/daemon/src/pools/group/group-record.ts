// A group as oned keeps it in group_pool.body.
import type { Template } from '@onekit/core';

export interface GroupRecord {
  readonly id: number;
  readonly name: string;
  /** Treat as read-only: change a clone. */
  readonly template: Template;
  /** Members, ascending. */
  readonly users: readonly number[];
  /** Group administrators, ascending. */
  readonly admins: readonly number[];
}

export const ONEADMIN_GID = 0;
export const ONEADMIN_GROUP_NAME = 'oneadmin';
export const USERS_GID = 1;
export const USERS_GROUP_NAME = 'users';
/** Ids below this are system groups: created at bootstrap, never deleted. */
export const FIRST_USER_GID = 100;
