// one.user.delete (ADMIN): oneadmin stays; the user leaves its groups and the ACL rules
// naming it go with it, in one federated entry. Its zone-local quota row follows in a
// local entry of its own.
import { actionFailed } from '../../api/failures.js';
import { readAclRules } from '../acl/acl-reader.js';
import { deleteAclRulesOps, rulesOfDeletedUser } from '../acl/acl-cleanup.js';
import { readGroup } from '../group/group-reader.js';
import { updateGroupOp, withMember } from '../group/group-rows.js';
import { authorizedUser } from './authorized-user.js';
import { commitFederated, type IdentityCall } from './identity-services.js';
import { readUserQuotas } from './user-reader.js';
import { ONEADMIN_UID } from './user-record.js';
import { deleteUserOp, deleteUserQuotasOp } from './user-rows.js';

export function deleteUser(call: IdentityCall, id: number): Promise<number> {
  const { services } = call;
  return services.identityWrites.run(async () => {
    const user = await authorizedUser(call, id, 'ADMIN');
    if (id === ONEADMIN_UID)
      throw actionFailed(call.method, 'Cannot delete user. oneadmin cannot be deleted.');
    const ops = [deleteUserOp(id)];
    for (const gid of user.groups) {
      const group = await readGroup(services.db, gid);
      if (group !== undefined) ops.push(updateGroupOp(withMember(group, id, false)));
    }
    const rules = rulesOfDeletedUser(await readAclRules(services.db), id);
    await commitFederated(call, [...ops, ...deleteAclRulesOps(rules)]);
    if ((await readUserQuotas(services.db, id)) !== undefined) {
      await services.committer.commit([deleteUserQuotasOp(id)], { federated: false });
    }
    return id;
  });
}
