// A user as oned creates it: the password stored as its driver wants it, enabled, and a
// TOKEN_PASSWORD in the template (the key OneGate tokens of the user's VMs are sealed with).
import { Template } from '@onekit/core';
import { storedPassword } from './names.js';
import { sortedIds, type UserRecord } from './user-record.js';

export interface NewUserOptions {
  readonly id: number;
  readonly name: string;
  /** As given by the client: hashed here for the core driver. */
  readonly password: string;
  readonly driver: string;
  readonly gid: number;
  readonly gname: string;
  /** Every group, primary included. */
  readonly groups: readonly number[];
  /** 64 hex characters. */
  readonly tokenPassword: string;
}

export function newUser(o: NewUserOptions): UserRecord {
  return {
    id: o.id,
    name: o.name,
    gid: o.gid,
    gname: o.gname,
    groups: sortedIds([o.gid, ...o.groups]),
    password: storedPassword(o.password, o.driver),
    authDriver: o.driver,
    enabled: true,
    loginTokens: [],
    template: new Template().addSingle('TOKEN_PASSWORD', o.tokenPassword),
  };
}
