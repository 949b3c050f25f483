// What a new database holds of the identity pools, as oned bootstraps it: user 0 (from
// one_auth, core driver) and user 1 `serveradmin` (server_cipher, PASSWORD = SHA-256 hex of
// the secret written to the service credential files), both in group 0; groups 0 `oneadmin`
// and 1 `users` (user groups then start at 100); the default ACL rules; and the
// pool_control rows that continue each pool's ids. All of it is one federated entry.
import { OneKitError, sha256Hex, type AclRule } from '@onekit/core';
import type { WriteOp } from '../../storage/index.js';
import { insertAclRuleOp } from '../acl/acl-rows.js';
import { defaultAclRules } from '../acl/default-rules.js';
import {
  FIRST_USER_GID,
  ONEADMIN_GID,
  ONEADMIN_GROUP_NAME,
  type GroupRecord,
} from '../group/group-record.js';
import { insertGroupOp, withMember } from '../group/group-rows.js';
import { systemGroups } from '../group/new-group.js';
import { CORE_DRIVER, SERVER_CIPHER_DRIVER } from './auth-drivers.js';
import { nameProblem, passwordProblem, USER_INVALID_NAME_CHARS } from './names.js';
import { newUser } from './new-user.js';
import { ONEADMIN_UID, SERVERADMIN_NAME, SERVERADMIN_UID, type UserRecord } from './user-record.js';
import { insertUserOp } from './user-rows.js';

export interface IdentityBootstrapOptions {
  /** oneadmin's name and password, as read from its one_auth file. */
  readonly oneadmin: { readonly name: string; readonly password: string };
  /** The serveradmin secret written to the service credential files (not its hash). */
  readonly serveradminSecret: string;
  /** A new 64-hex random secret each call (each user's TOKEN_PASSWORD). */
  readonly randomSecret: () => string;
}

export interface IdentityBootstrap {
  readonly users: readonly UserRecord[];
  readonly groups: readonly GroupRecord[];
  readonly aclRules: readonly AclRule[];
  /** Every write, federated tables only: commit with `{ federated: true }`. */
  readonly ops: readonly WriteOp[];
}

export function lastOidOp(tablename: string, lastOid: number): WriteOp {
  return { op: 'replace', table: 'pool_control', row: { tablename, last_oid: BigInt(lastOid) } };
}

/** Throws AUTH_FILE (field `user` or `password`) when one_auth's credentials are unusable. */
export function identityBootstrap(o: IdentityBootstrapOptions): IdentityBootstrap {
  const { name, password } = o.oneadmin;
  if (name === SERVERADMIN_NAME) {
    throw new OneKitError('AUTH_FILE', `The name '${SERVERADMIN_NAME}' is reserved`, {
      field: 'user',
    });
  }
  const nameIssue = nameProblem(name, USER_INVALID_NAME_CHARS);
  if (nameIssue)
    throw new OneKitError('AUTH_FILE', `Error creating oneadmin user: ${nameIssue}.`, {
      field: 'user',
    });
  const passwordIssue = passwordProblem(password, CORE_DRIVER);
  if (passwordIssue) {
    throw new OneKitError('AUTH_FILE', `Error creating oneadmin user: ${passwordIssue}.`, {
      field: 'password',
    });
  }

  const inOneadmin = { gid: ONEADMIN_GID, gname: ONEADMIN_GROUP_NAME, groups: [ONEADMIN_GID] };
  const users = [
    newUser({
      id: ONEADMIN_UID,
      name,
      password,
      driver: CORE_DRIVER,
      ...inOneadmin,
      tokenPassword: o.randomSecret(),
    }),
    newUser({
      id: SERVERADMIN_UID,
      name: SERVERADMIN_NAME,
      password: sha256Hex(o.serveradminSecret),
      driver: SERVER_CIPHER_DRIVER,
      ...inOneadmin,
      tokenPassword: o.randomSecret(),
    }),
  ];
  const groups = systemGroups().map((group) =>
    users.reduce(
      (g, user) => (user.groups.includes(g.id) ? withMember(g, user.id, true) : g),
      group,
    ),
  );
  const aclRules = defaultAclRules();
  return {
    users,
    groups,
    aclRules,
    ops: [
      ...groups.map(insertGroupOp),
      ...users.map(insertUserOp),
      ...aclRules.map(insertAclRuleOp),
      lastOidOp('group_pool', FIRST_USER_GID - 1),
      lastOidOp('user_pool', SERVERADMIN_UID),
      lastOidOp('acl', aclRules.length - 1),
    ],
  };
}
