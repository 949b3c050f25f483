import { quotaContexts, vmQuotaTableColumns, type QuotaCellContext } from '../quota-usage/index.js';
import type { TableSpec } from '../table/index.js';
import type { UserPool, UserView } from './user-document.js';

export interface UserRow {
  user: UserView;
  quota: QuotaCellContext;
}

export function userRows(pool: UserPool): UserRow[] {
  const quotaOf = quotaContexts(pool.pool, 'DEFAULT_USER_QUOTAS');
  return pool.users.map((user) => ({ user, quota: quotaOf(user.id) }));
}

// Widths as a default installation prints them (the command's columns with the shipped
// oneuser.yaml applied over them).
export const userTable: TableSpec<UserRow> = {
  columns: [
    {
      name: 'ID',
      description: 'ONE identifier for the User',
      size: 4,
      adjust: true,
      value: (r) => String(r.user.id),
    },
    {
      name: 'NAME',
      description: 'Name of the User',
      size: 10,
      left: true,
      expand: true,
      value: (r) => r.user.name,
    },
    {
      name: 'ENABLED',
      description: 'User is enabled',
      size: 4,
      left: true,
      value: (r) => (r.user.enabled ? 'yes' : 'no'),
    },
    {
      name: 'GROUP',
      description: 'Group of the User',
      size: 8,
      left: true,
      value: (r) => r.user.gname,
    },
    {
      name: 'AUTH',
      description: 'Auth driver of the User',
      size: 8,
      left: true,
      value: (r) => r.user.authDriver,
    },
    ...vmQuotaTableColumns<UserRow>({ cpu: 10 }),
    {
      name: 'PASSWORD',
      description: 'Password of the User',
      size: 50,
      value: (r) => r.user.password,
    },
  ],
  defaultColumns: ['ID', 'NAME', 'ENABLED', 'GROUP', 'AUTH', 'VMS', 'MEMORY', 'CPU', 'PCI'],
};
