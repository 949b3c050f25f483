import type { XmlObject } from '@onekit/core';
import {
  child,
  children,
  poolObjects,
  readPoolDocument,
  text,
  type DocumentShape,
} from '../one-documents/index.js';
import type { NamedObject } from '../resource-ids/index.js';
import type { OneApi } from '../rpc/index.js';

// USER and USER_POOL documents (user.xsd, user_pool.xsd).

export const userShape: DocumentShape = {
  root: 'USER',
  pool: 'USER_POOL',
  arrays: [
    'USER/GROUPS/ID',
    'USER/LOGIN_TOKEN',
    'USER_POOL/QUOTAS',
    'VM_QUOTA/VM',
    'DATASTORE_QUOTA/DATASTORE',
    'NETWORK_QUOTA/NETWORK',
    'IMAGE_QUOTA/IMAGE',
  ],
  numbers: [
    'USER/ID',
    'USER/GID',
    'USER/GROUPS/ID',
    'USER/ENABLED',
    'LOGIN_TOKEN/EXPIRATION_TIME',
    'LOGIN_TOKEN/EGID',
    'USER_POOL/QUOTAS/ID',
  ],
};

export interface UserView {
  id: number;
  name: string;
  gid: number;
  gname: string;
  groups: number[];
  password: string;
  authDriver: string;
  enabled: boolean;
  tokens: Array<{ token: string; expiration: string; egid: string }>;
  template: XmlObject | undefined;
}

export function userView(user: XmlObject): UserView {
  return {
    id: Number(user['ID']),
    name: text(user, 'NAME'),
    gid: Number(user['GID']),
    gname: text(user, 'GNAME'),
    groups: ((child(user, 'GROUPS')?.['ID'] ?? []) as number[]).map(Number),
    password: text(user, 'PASSWORD'),
    authDriver: text(user, 'AUTH_DRIVER'),
    enabled: text(user, 'ENABLED') === '1',
    tokens: children(user, 'LOGIN_TOKEN').map((t) => ({
      token: text(t, 'TOKEN'),
      expiration: text(t, 'EXPIRATION_TIME'),
      egid: text(t, 'EGID'),
    })),
    template: child(user, 'TEMPLATE'),
  };
}

export interface UserPool {
  xml: string;
  document: XmlObject;
  users: UserView[];
  /** USER_POOL, for the quota columns. */
  pool: XmlObject | undefined;
}

export async function readUserPool(api: OneApi): Promise<UserPool> {
  const xml = await (await api.client()).callText('one.userpool.info');
  const document = readPoolDocument(xml, userShape);
  return {
    xml,
    document,
    users: poolObjects(document, userShape).map(userView),
    pool: child(document, 'USER_POOL'),
  };
}

export async function userNames(api: OneApi): Promise<NamedObject[]> {
  return (await readUserPool(api)).users.map((u) => ({ id: u.id, name: u.name }));
}
