import { quotaContexts, vmQuotaTableColumns, type QuotaCellContext } from '../quota-usage/index.js';
import type { TableSpec } from '../table/index.js';
import type { GroupPool, GroupView } from './group-document.js';

export interface GroupRow {
  group: GroupView;
  quota: QuotaCellContext;
}

export function groupRows(pool: GroupPool): GroupRow[] {
  const quotaOf = quotaContexts(pool.pool, 'DEFAULT_GROUP_QUOTAS');
  return pool.groups.map((group) => ({ group, quota: quotaOf(group.id) }));
}

// Widths as a default installation prints them (the command's columns with the shipped
// onegroup.yaml applied over them).
export const groupTable: TableSpec<GroupRow> = {
  columns: [
    {
      name: 'ID',
      description: 'ONE identifier for the Group',
      size: 4,
      adjust: true,
      value: (r) => String(r.group.id),
    },
    {
      name: 'NAME',
      description: 'Name of the Group',
      size: 15,
      left: true,
      expand: true,
      value: (r) => r.group.name,
    },
    {
      name: 'USERS',
      description: 'Number of Users in this group',
      size: 5,
      value: (r) => String(r.group.users.length),
    },
    ...vmQuotaTableColumns<GroupRow>({ cpu: 11 }),
  ],
  defaultColumns: ['ID', 'NAME', 'USERS', 'VMS', 'MEMORY', 'CPU', 'PCI'],
};
