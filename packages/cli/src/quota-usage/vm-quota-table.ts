import type { XmlObject } from '@onekit/core';
import { child } from '../one-documents/index.js';
import type { TableColumn } from '../table/index.js';
import {
  cpuCell,
  defaultVmQuota,
  memoryCell,
  pciCell,
  vmQuotasById,
  vmsCell,
  type QuotaCellContext,
} from './vm-quota-columns.js';

/**
 * The quota cell context of each object id in a pool document; `defaultsElement` names the
 * pool's default quotas (DEFAULT_USER_QUOTAS or DEFAULT_GROUP_QUOTAS).
 */
export function quotaContexts(
  pool: XmlObject | undefined,
  defaultsElement: string,
): (id: number) => QuotaCellContext {
  const quotas = vmQuotasById(pool);
  const defaults = defaultVmQuota(child(pool, defaultsElement));
  return (id) => ({ id, quotas, defaults });
}

/** The VMS, MEMORY, CPU and PCI columns; only the CPU width differs between commands. */
export function vmQuotaTableColumns<Row extends { quota: QuotaCellContext }>(widths: {
  cpu: number;
}): TableColumn<Row>[] {
  return [
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
      size: widths.cpu,
      value: (r) => cpuCell(r.quota),
    },
    {
      name: 'PCI',
      description: 'Total PCIs allocated to user VMs',
      size: 9,
      value: (r) => pciCell(r.quota),
    },
  ];
}
