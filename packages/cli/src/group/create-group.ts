import { OneKitError } from '@onekit/core';
import { aclRuleHex } from '../acl/index.js';
import type { XmlRpcClient } from '../rpc/index.js';

/** What members of a new group may create, as OpenNebula's client library grants it. */
export const defaultGroupResources =
  'VM+IMAGE+TEMPLATE+DOCUMENT+SECGROUP+VROUTER+VMGROUP+BACKUPJOB';

export interface CreateGroupOptions {
  name: string;
  /** Object types joined by `+`; defaultGroupResources when undefined. */
  resources?: string;
}

/**
 * one.group.allocate, then the ACL rule `@<id> <resources>/* CREATE`. A rule that cannot be
 * added deletes the group again, so that no half-made group is left.
 */
export async function createGroup(
  client: Pick<XmlRpcClient, 'callId'>,
  options: CreateGroupOptions,
): Promise<number> {
  const resources = options.resources ?? defaultGroupResources;
  // Checked before anything is created.
  aclRuleHex(`@0 ${resources}/* CREATE`);
  const id = await client.callId('one.group.allocate', options.name);
  const rule = aclRuleHex(`@${id} ${resources}/* CREATE`);
  try {
    await client.callId('one.acl.addrule', rule.user, rule.resource, rule.rights);
  } catch (err) {
    await client.callId('one.group.delete', id);
    throw new OneKitError(
      'ONE_API',
      `Error creating group ACL's: ${(err as Error).message}`,
      { field: 'one.acl.addrule' },
      { cause: err },
    );
  }
  return id;
}
