import type { XmlObject } from '@onekit/core';
import { child, children, text } from '../one-documents/index.js';

// The VMS, MEMORY, CPU and PCI columns of `oneuser list` and `onegroup list`: usage and
// limit of each user's (or group's) VM quota, as `used / limit`. A limit of -1 takes the
// pool's default quota; -2 (or no default) is unlimited and shows `-`. An object without a
// VM quota has the default one with nothing used, except id 0 (oneadmin), which shows `-`.

const limitDefault = '-1';
const limitUnlimited = '-2';

export type VmQuota = Record<string, string>;

/** The VM quota of each object id in a pool document (QUOTAS elements beside the objects). */
export function vmQuotasById(pool: XmlObject | undefined): Map<number, VmQuota> {
  const byId = new Map<number, VmQuota>();
  for (const quotas of children(pool, 'QUOTAS')) {
    const vms = children(child(quotas, 'VM_QUOTA'), 'VM');
    const global = vms.find((vm) => text(vm, 'CLUSTER_IDS') === '') ?? vms[0];
    if (global) byId.set(Number(text(quotas, 'ID')), flat(global));
  }
  return byId;
}

/** DEFAULT_USER_QUOTAS / DEFAULT_GROUP_QUOTAS → its VM quota. */
export function defaultVmQuota(defaults: XmlObject | undefined): VmQuota {
  const vm = children(child(defaults, 'VM_QUOTA'), 'VM')[0];
  return vm ? flat(vm) : {};
}

function flat(vm: XmlObject): VmQuota {
  return Object.fromEntries(Object.entries(vm).map(([k, v]) => [k, String(v)]));
}

export interface QuotaCellContext {
  id: number;
  quotas: Map<number, VmQuota>;
  defaults: VmQuota;
}

type Metric = 'VMS' | 'MEMORY' | 'CPU' | 'PCI_DEV';

function usage(metric: Metric, c: QuotaCellContext): { used: string; limit: string } | undefined {
  const quota = c.quotas.get(c.id);
  if (quota === undefined && c.id === 0) return undefined;
  const used = quota?.[`${metric}_USED`] ?? '0';
  let limit = quota?.[metric] ?? limitDefault;
  if (limit === limitDefault) limit = c.defaults[metric] || limitUnlimited;
  return { used, limit };
}

const unlimited = (limit: string) => limit === limitUnlimited;

export function vmsCell(c: QuotaCellContext): string {
  const u = usage('VMS', c);
  if (!u) return '-';
  const used = int(u.used).padStart(3);
  return unlimited(u.limit) ? `${used} /   -` : `${used} / ${int(u.limit).padStart(3)}`;
}

export function memoryCell(c: QuotaCellContext): string {
  const u = usage('MEMORY', c);
  if (!u) return '-';
  const used = megabytes(u.used).padStart(6);
  return unlimited(u.limit) ? `${used} /      -` : `${used} / ${megabytes(u.limit).padStart(6)}`;
}

export function cpuCell(c: QuotaCellContext): string {
  const u = usage('CPU', c);
  if (!u) return '-';
  const used = Number(u.used).toFixed(1).padStart(3);
  return unlimited(u.limit)
    ? `${used} /   -`
    : `${used} / ${Number(u.limit).toFixed(1).padStart(3)}`;
}

export function pciCell(c: QuotaCellContext): string {
  const u = usage('PCI_DEV', c);
  if (!u) return '-';
  return unlimited(u.limit)
    ? `${u.used.padStart(3)} /   -`
    : `${u.used.padStart(3)} / ${u.limit.padStart(3)}`;
}

function int(value: string): string {
  return String(Math.trunc(Number(value)) || 0);
}

const binarySuffixes = ['K', 'M', 'G', 'T'];

/** Upstream's unit_to_str for an amount in megabytes: 1536 → 1.5G, 0 → 0M. */
export function megabytes(value: string): string {
  let amount = Math.trunc(Number(value)) || 0;
  let unit = 1;
  while (amount > 1024 && unit < 3) {
    amount /= 1024;
    unit++;
  }
  const rounded = Math.round(amount * 10) / 10;
  return `${rounded}${binarySuffixes[unit]}`;
}
