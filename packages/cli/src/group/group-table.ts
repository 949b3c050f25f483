import { child } from '../one-documents/index.js';
import {
  cpuCell,
  defaultVmQuota,
  memoryCell,
  pciCell,
  vmQuotasById,
  vmsCell,
  type QuotaCellContext,
} from '../quota-usage/index.js';
import type { TableSpec } from '../table/index.js';
import type { GroupPool, GroupView } from './group-document.js';

export interface GroupRow {
  group: GroupView;
  quota: QuotaCellContext;
}

export function groupRows(pool: GroupPool): GroupRow[] {
  const quotas = vmQuotasById(pool.pool);
  const defaults = defaultVmQuota(child(pool.pool, 'DEFAULT_GROUP_QUOTAS'));
  return pool.groups.map((group) => ({ group, quota: { id: group.id, quotas, defaults } }));
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
    { name: 'VMS', description: 'Number of VMS', size: 9, value: (r) => vmsCell(r.quota) },
    {
      name: 'MEMORY',
      description: 'Total memory allocated to user VMs',
      size: 15,
      value: (r) => memoryCell(r.quota),
    },
    {
      name: 'CPU',
      description: 'Total CPU allocated to user VMs',
      size: 11,
      value: (r) => cpuCell(r.quota),
    },
    {
      name: 'PCI',
      description: 'Total PCIs allocated to user VMs',
      size: 9,
      value: (r) => pciCell(r.quota),
    },
  ],
  defaultColumns: ['ID', 'NAME', 'USERS', 'VMS', 'MEMORY', 'CPU', 'PCI'],
};
