import { OneListCommand } from '../../command/index.js';
import { aclTable, readAclPool, type AclPool, type AclView } from '../../acl/index.js';
import type { OneApi } from '../../rpc/index.js';

export default class AclList extends OneListCommand<AclPool, AclView> {
  static override summary = 'List the ACL rules.';
  static override description =
    'Each rule as columns: the user selector, the resource types as a mask (one letter per type, in the order of the header), the resource id, the rights as a mask (use, manage, admin, create) and the zone; -l STRING adds the rule as text.';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -l ID,STRING',
  ];

  protected readonly table = aclTable;

  protected readPool(api: OneApi): Promise<AclPool> {
    return readAclPool(api);
  }

  protected tableRows(pool: AclPool): AclView[] {
    return pool.rules;
  }
}
