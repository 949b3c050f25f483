import assert from 'node:assert/strict';
import { readXmlDocument, type XmlObject } from '@onekit/core';
import {
  cpuCell,
  defaultVmQuota,
  megabytes,
  memoryCell,
  pciCell,
  vmQuotasById,
  vmsCell,
  type QuotaCellContext,
} from '../../src/quota-usage/index.js';

// A USER_POOL with: user 0 without quotas, user 2 with a VM quota of its own (limits and a
// -1 that takes the default), user 3 with an empty VM_QUOTA; and default user quotas.
const pool = readXmlDocument(
  `<USER_POOL>
    <QUOTAS><ID>0</ID><VM_QUOTA></VM_QUOTA></QUOTAS>
    <QUOTAS><ID>2</ID><VM_QUOTA><VM><CLUSTER_IDS><![CDATA[]]></CLUSTER_IDS><CPU>4</CPU><CPU_USED>1.5</CPU_USED>
      <MEMORY>-1</MEMORY><MEMORY_USED>1536</MEMORY_USED><PCI_DEV>-2</PCI_DEV><PCI_DEV_USED>0</PCI_DEV_USED>
      <VMS>10</VMS><VMS_USED>3</VMS_USED></VM></VM_QUOTA></QUOTAS>
    <QUOTAS><ID>3</ID><VM_QUOTA></VM_QUOTA></QUOTAS>
    <DEFAULT_USER_QUOTAS><VM_QUOTA><VM><MEMORY>8192</MEMORY><VMS>-2</VMS></VM></VM_QUOTA></DEFAULT_USER_QUOTAS>
  </USER_POOL>`,
  { arrays: ['USER_POOL/QUOTAS', 'VM_QUOTA/VM'] },
).USER_POOL as XmlObject;

describe('quota-usage/vm-quota-columns', () => {
  const quotas = vmQuotasById(pool);
  const defaults = defaultVmQuota(pool['DEFAULT_USER_QUOTAS'] as XmlObject);
  const cells = (id: number) => {
    const c: QuotaCellContext = { id, quotas, defaults };
    return [vmsCell(c), memoryCell(c), cpuCell(c), pciCell(c)];
  };

  it('shows "-" for oneadmin without a quota', () => {
    assert.deepEqual(cells(0), ['-', '-', '-', '-']);
  });

  it('shows used / limit, taking the default for -1 and "-" for unlimited', () => {
    assert.deepEqual(cells(2), ['  3 /  10', '  1.5G /     8G', '1.5 / 4.0', '  0 /   -']);
  });

  it('gives other users the default quota with nothing used', () => {
    assert.deepEqual(cells(3), ['  0 /   -', '    0M /     8G', '0.0 /   -', '  0 /   -']);
    assert.deepEqual(cells(9), cells(3));
  });

  it('writes megabytes in binary units as upstream', () => {
    assert.deepEqual(['0', '512', '1024', '1025', '1536', '3145728', 'x'].map(megabytes), [
      '0M',
      '512M',
      '1024M',
      '1G',
      '1.5G',
      '3T',
      '0M',
    ]);
  });
});
