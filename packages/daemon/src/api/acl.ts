// one.acl.addrule|delrule|info: oned's signatures and routing flags. Rule changes are
// federated (a slave zone forwards them to the master).
import { aclInfo, addAclRule, deleteAclRule } from '../pools/acl/index.js';
import type { IdentityServices } from '../pools/user/index.js';
import type { MethodSpec } from './method.js';

type Spec = MethodSpec<IdentityServices>;

const addRule: Spec = {
  name: 'one.acl.addrule',
  params: ['string', 'string', 'string', 'string'],
  optionalFrom: 3,
  federated: true,
  handler: (call) => {
    const [user, resource, rights, zone] = call.params as [string, string, string, string?];
    return addAclRule(call, { user, resource, rights, ...(zone === undefined ? {} : { zone }) });
  },
};

const delRule: Spec = {
  name: 'one.acl.delrule',
  params: ['int'],
  federated: true,
  handler: (call) => deleteAclRule(call, call.params[0] as number),
};

const info: Spec = {
  name: 'one.acl.info',
  params: [],
  leaderOnly: false,
  allowedWhenDisabled: true,
  handler: (call) => aclInfo(call),
};

export const aclMethods: readonly Spec[] = [addRule, delRule, info];
