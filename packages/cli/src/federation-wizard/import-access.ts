// The master's users, groups and ACL rules as the import steps see them through its XML-RPC
// API. Every write is a federated one, so HA master servers and the other slave zones get
// it through the federation log; users keep their stored passwords through OneKit's
// onekit.user.import (oned has no call that takes a stored password).
import { printOned, Template, type AclRule, type XmlRpcInput } from '@onekit/core';
import { aclShape } from '../acl/acl-document.js';
import { groupNames, groupShape, groupView } from '../group/group-document.js';
import {
  children,
  child,
  documentObject,
  readObjectDocument,
  readPoolDocument,
  text,
} from '../one-documents/index.js';
import { templateFromObject } from '../one-documents/template-object.js';
import type { NamedObject } from '../resource-ids/index.js';
import type { OneApi } from '../rpc/index.js';
import { userNames, userShape, userView } from '../user/user-document.js';

export type AclMasks = Omit<AclRule, 'id'>;

export interface ImportedUser {
  readonly name: string;
  readonly password: string;
  readonly driver: string;
  readonly enabled: boolean;
  readonly template: Template;
  /** The first is the primary group. */
  readonly groups: readonly number[];
}

export interface IdentityAccess {
  users(): Promise<NamedObject[]>;
  groups(): Promise<NamedObject[]>;
  /** one.group.allocate, then the template's attributes merged in. */
  createGroup(name: string, template: Template): Promise<number>;
  /** onekit.user.import: the user as its zone stored it. */
  importUser(user: ImportedUser): Promise<number>;
  /** Adds the attributes the master's user or group lacks (the master's values win). */
  addMissingAttributes(kind: 'user' | 'group', id: number, template: Template): Promise<void>;
  /** Every group of user `id`, primary included. */
  userGroups(id: number): Promise<number[]>;
  /** The members and administrators of group `id`. */
  groupMembers(id: number): Promise<{ users: number[]; admins: number[] }>;
  /** one.user.addgroup: `gid` becomes a secondary group of user `uid`. */
  addUserGroup(uid: number, gid: number): Promise<void>;
  /** one.group.addadmin: member `uid` becomes an administrator of group `gid`. */
  addGroupAdmin(gid: number, uid: number): Promise<void>;
  aclRules(): Promise<AclMasks[]>;
  addAclRule(rule: AclMasks): Promise<void>;
}

const hex = (mask: bigint) => BigInt.asUintN(64, mask).toString(16);
const mask = (text: string) => BigInt.asIntN(64, BigInt(`0x${text}`));

/** The attributes of `wanted` whose names `current` does not hold. */
export function missingAttributes(current: Template, wanted: Template): Template {
  const held = new Set(current.attributes.map((a) => a.name));
  const missing = new Template();
  for (const attribute of wanted.attributes) if (!held.has(attribute.name)) missing.add(attribute);
  return missing;
}

export function identityAccess(api: OneApi): IdentityAccess {
  const call = async (method: string, ...params: XmlRpcInput[]) =>
    (await api.client()).callId(method, ...params);
  const info = async (kind: 'user' | 'group', id: number) => {
    const shape = kind === 'user' ? userShape : groupShape;
    const xml = await (await api.client()).callText(`one.${kind}.info`, id);
    return documentObject(readObjectDocument(xml, shape), shape);
  };
  const currentTemplate = async (kind: 'user' | 'group', id: number): Promise<Template> => {
    const object =
      kind === 'user'
        ? userView(await info(kind, id)).template
        : groupView(await info(kind, id)).template;
    return templateFromObject(object);
  };
  return {
    users: () => userNames(api),
    groups: () => groupNames(api),
    async createGroup(name, template) {
      const id = await call('one.group.allocate', name);
      if (template.attributes.length > 0) {
        await this.addMissingAttributes('group', id, template);
      }
      return id;
    },
    importUser: (u) =>
      call('onekit.user.import', u.name, u.password, u.driver, u.enabled, printOned(u.template), [
        ...u.groups,
      ]),
    async addMissingAttributes(kind, id, template) {
      const missing = missingAttributes(await currentTemplate(kind, id), template);
      if (missing.attributes.length === 0) return;
      await call(`one.${kind}.update`, id, printOned(missing), 1);
    },
    userGroups: async (id) => userView(await info('user', id)).groups,
    async groupMembers(id) {
      const { users, admins } = groupView(await info('group', id));
      return { users, admins };
    },
    async addUserGroup(uid, gid) {
      await call('one.user.addgroup', uid, gid);
    },
    async addGroupAdmin(gid, uid) {
      await call('one.group.addadmin', gid, uid);
    },
    async aclRules() {
      const xml = await (await api.client()).callText('one.acl.info');
      const document = readPoolDocument(xml, aclShape);
      return children(child(document, 'ACL_POOL'), 'ACL').map((acl) => ({
        user: mask(text(acl, 'USER')),
        resource: mask(text(acl, 'RESOURCE')),
        rights: mask(text(acl, 'RIGHTS')),
        zone: mask(text(acl, 'ZONE')),
      }));
    },
    async addAclRule(rule) {
      await call(
        'one.acl.addrule',
        hex(rule.user),
        hex(rule.resource),
        hex(rule.rights),
        hex(rule.zone),
      );
    },
  };
}
