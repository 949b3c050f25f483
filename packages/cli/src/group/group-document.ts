import type { XmlObject } from '@onekit/core';
import {
  child,
  poolObjects,
  readPoolDocument,
  text,
  type DocumentShape,
} from '../one-documents/index.js';
import type { NamedObject } from '../resource-ids/index.js';
import type { OneApi } from '../rpc/index.js';

// GROUP and GROUP_POOL documents (group.xsd, group_pool.xsd).

export const groupShape: DocumentShape = {
  root: 'GROUP',
  pool: 'GROUP_POOL',
  arrays: [
    'GROUP/USERS/ID',
    'GROUP/ADMINS/ID',
    'GROUP_POOL/QUOTAS',
    'VM_QUOTA/VM',
    'DATASTORE_QUOTA/DATASTORE',
    'NETWORK_QUOTA/NETWORK',
    'IMAGE_QUOTA/IMAGE',
  ],
  numbers: ['GROUP/ID', 'GROUP/USERS/ID', 'GROUP/ADMINS/ID', 'GROUP_POOL/QUOTAS/ID'],
};

export interface GroupView {
  id: number;
  name: string;
  users: number[];
  admins: number[];
  template: XmlObject | undefined;
}

function ids(group: XmlObject, name: string): number[] {
  return ((child(group, name)?.['ID'] ?? []) as number[]).map(Number);
}

export function groupView(group: XmlObject): GroupView {
  return {
    id: Number(group['ID']),
    name: text(group, 'NAME'),
    users: ids(group, 'USERS'),
    admins: ids(group, 'ADMINS'),
    template: child(group, 'TEMPLATE'),
  };
}

export interface GroupPool {
  xml: string;
  document: XmlObject;
  groups: GroupView[];
  pool: XmlObject | undefined;
}

export async function readGroupPool(api: OneApi): Promise<GroupPool> {
  const xml = await (await api.client()).callText('one.grouppool.info');
  const document = readPoolDocument(xml, groupShape);
  return {
    xml,
    document,
    groups: poolObjects(document, groupShape).map(groupView),
    pool: child(document, 'GROUP_POOL'),
  };
}

export async function groupNames(api: OneApi): Promise<NamedObject[]> {
  return (await readGroupPool(api)).groups.map((g) => ({ id: g.id, name: g.name }));
}
