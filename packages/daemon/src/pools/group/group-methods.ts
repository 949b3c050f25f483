// one.group.allocate, delete, update, info and one.grouppool.info, with oned's
// authorization (CREATE to allocate, ADMIN to delete and update, USE to read), checks
// and messages. Writes are federated; a deleted group's zone-local rows follow locally.
import type { Right } from '@onekit/core';
import { actionFailed, internalError, noExists, rpcApiError } from '../../api/failures.js';
import { requesterOf } from '../../authz/authorizer.js';
import {
  callerIsAdmin,
  createAuth,
  poolAuth,
  requireAuthorized,
} from '../../authz/require-authorized.js';
import { reverseSearch, visibleInPool } from '../../authz/reverse-search.js';
import { isDuplicateKey } from '../../storage/index.js';
import { deleteAclRulesOps, rulesOfDeletedGroup } from '../acl/acl-cleanup.js';
import { readAclRules } from '../acl/acl-reader.js';
import { commitFederated, type IdentityCall } from '../user/identity-services.js';
import { GROUP_INVALID_NAME_CHARS, nameProblem } from '../user/names.js';
import { quotaElements, readDefaultQuotas } from '../user/quotas.js';
import { updatedTemplate } from '../user/template-update.js';
import { groupAuth, groupRowAuth } from './group-access.js';
import { groupIdByName, readGroupRows } from './group-reader.js';
import { FIRST_USER_GID, type GroupRecord } from './group-record.js';
import { deleteGroupLocalOps, deleteGroupOp, insertGroupOp, updateGroupOp } from './group-rows.js';
import { emptyVlanRules, groupBody, groupInfoXml } from './group-xml.js';
import { newGroup } from './new-group.js';

const OBJECT = 'group';

/** The group with its zone-local rows, once the caller is allowed `right` on it. */
async function authorizedGroup(call: IdentityCall, id: number, right: Right) {
  const [row] = id >= 0 ? await readGroupRows(call.services.db, id) : [];
  if (id >= 0 && row === undefined) throw noExists(call.method, OBJECT, id);
  const object = row ? groupAuth(row.group) : poolAuth('GROUP');
  await requireAuthorized(call, [{ right, object, ignoreLock: right === 'USE' }], OBJECT);
  if (row === undefined) throw noExists(call.method, OBJECT, id);
  return row;
}

export async function allocateGroup(call: IdentityCall, name: string): Promise<number> {
  const { services, method } = call;
  await requireAuthorized(
    call,
    [{ right: 'CREATE', object: createAuth('GROUP', call.caller) }],
    OBJECT,
  );
  const badName = nameProblem(name, GROUP_INVALID_NAME_CHARS);
  if (badName) throw internalError(method, badName);
  return services.identityWrites.runFor([`group-name:${name}`], async () => {
    const taken = await services.takenNames.holder('group_pool', name);
    if (taken !== undefined)
      throw internalError(method, `NAME is already taken by GROUP ${taken}.`);
    const { oid, control } = await services.oids.next('group_pool');
    try {
      await commitFederated(call, [insertGroupOp(newGroup(oid, name)), control]);
    } catch (err) {
      const holder = isDuplicateKey(err) ? await groupIdByName(services.db, name) : undefined;
      if (holder !== undefined)
        throw internalError(method, `NAME is already taken by GROUP ${holder}.`);
      throw err;
    }
    return oid;
  });
}

export function deleteGroup(call: IdentityCall, id: number): Promise<number> {
  const { services, method } = call;
  return services.identityWrites.run(async () => {
    const { group, quotas, vlans } = await authorizedGroup(call, id, 'ADMIN');
    if (id < FIRST_USER_GID) {
      throw actionFailed(
        method,
        'Cannot delete group. System Groups (ID < 100) cannot be deleted.',
      );
    }
    if (group.users.length > 0)
      throw actionFailed(method, `Cannot delete group. Group ${id} is not empty.`);
    const rules = rulesOfDeletedGroup(await readAclRules(services.db), id);
    await commitFederated(call, [deleteGroupOp(id), ...deleteAclRulesOps(rules)]);
    if (quotas !== undefined || vlans !== undefined) {
      await services.committer.commit(deleteGroupLocalOps(id), { federated: false });
    }
    return id;
  });
}

export function updateGroupTemplate(
  call: IdentityCall,
  id: number,
  text: string,
  mode: number,
): Promise<number> {
  return call.services.identityWrites.run(async () => {
    const { group } = await authorizedGroup(call, id, 'ADMIN');
    if (mode !== 0 && mode !== 1) throw rpcApiError(call.method, 'Wrong update type');
    const update = updatedTemplate(group.template, text, {
      append: mode === 1,
      keepRestricted: !callerIsAdmin(call.caller),
    });
    if (!update.ok) throw internalError(call.method, `Cannot update template. ${update.message}`);
    await commitFederated(call, [updateGroupOp({ ...group, template: update.template })]);
    return id;
  });
}

/** id -1 is the caller's group; oned's decrypt flag changes nothing for groups here. */
export async function groupInfo(call: IdentityCall, id: number): Promise<string> {
  const { group, quotas, vlans } = await authorizedGroup(
    call,
    id === -1 ? call.caller.gid : id,
    'USE',
  );
  return groupInfoXml(group, {
    quotas: quotaElements(quotas),
    vlans: vlans ?? emptyVlanRules(group.id),
    defaults: await readDefaultQuotas(call.services.db, 'DEFAULT_GROUP_QUOTAS'),
  });
}

/** Each visible group followed by its quotas and VLAN rules, then the default quotas. */
export async function groupPoolInfo(call: IdentityCall): Promise<string> {
  const { db, authorizer, zoneId } = call.services;
  const requester = requesterOf(call.caller);
  const grant = reverseSearch((await authorizer.ruleSet()).rules, requester, {
    type: 'GROUP',
    right: 'USE',
    zoneId,
  });
  const visible = (group: GroupRecord) => visibleInPool(groupRowAuth(group), requester, grant);
  let xml = '<GROUP_POOL>';
  for (const { group, quotas, vlans } of await readGroupRows(db)) {
    if (!visible(group)) continue;
    xml += groupBody(group);
    xml += `<QUOTAS><ID>${group.id}</ID>${quotaElements(quotas)}</QUOTAS>`;
    xml += vlans ?? emptyVlanRules(group.id);
  }
  return `${xml}${await readDefaultQuotas(db, 'DEFAULT_GROUP_QUOTAS')}</GROUP_POOL>`;
}
