import type { XmlObject } from '@onekit/core';
import {
  child,
  children,
  readPoolDocument,
  text,
  type DocumentShape,
} from '../one-documents/index.js';
import type { OneApi } from '../rpc/index.js';

// ACL_POOL (acl_pool.xsd): each rule with its masks in hex and its STRING form.

export const aclShape: DocumentShape = {
  root: 'ACL',
  pool: 'ACL_POOL',
  arrays: [],
  numbers: ['ACL/ID'],
};

export interface AclView {
  id: number;
  /** `@1 VM+IMAGE/* CREATE *`: user, resource, rights, zone. */
  string: string;
}

export interface AclPool {
  xml: string;
  document: XmlObject;
  rules: AclView[];
}

export async function readAclPool(api: OneApi): Promise<AclPool> {
  const xml = await (await api.client()).callText('one.acl.info');
  const document = readPoolDocument(xml, aclShape);
  const rules = children(child(document, 'ACL_POOL'), 'ACL').map((acl) => ({
    id: Number(acl['ID']),
    string: text(acl, 'STRING'),
  }));
  return { xml, document, rules };
}
