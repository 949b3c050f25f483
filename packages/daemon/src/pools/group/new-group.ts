// Groups as oned creates them.
import { Template } from '@onekit/core';
import {
  ONEADMIN_GID,
  ONEADMIN_GROUP_NAME,
  USERS_GID,
  USERS_GROUP_NAME,
  type GroupRecord,
} from './group-record.js';

export function newGroup(id: number, name: string): GroupRecord {
  return { id, name, template: new Template(), users: [], admins: [] };
}

/** The two system groups of a new database, before any user joins them. */
export function systemGroups(): GroupRecord[] {
  const users = newGroup(USERS_GID, USERS_GROUP_NAME);
  // The views Sunstone offers to the members of `users`.
  users.template.addVector('SUNSTONE', {
    DEFAULT_VIEW: 'cloud',
    VIEWS: 'cloud',
    GROUP_ADMIN_DEFAULT_VIEW: 'groupadmin',
    GROUP_ADMIN_VIEWS: 'groupadmin,cloud',
  });
  return [newGroup(ONEADMIN_GID, ONEADMIN_GROUP_NAME), users];
}
