// one.group.allocate|delete|update|addadmin|deladmin|info and one.grouppool.info: oned's signatures and
// routing flags. Every write is federated (a slave zone forwards it to the master).
import {
  addGroupAdmin,
  allocateGroup,
  deleteGroup,
  deleteGroupAdmin,
  groupInfo,
  groupPoolInfo,
  updateGroupTemplate,
} from '../pools/group/index.js';
import type { IdentityServices } from '../pools/user/index.js';
import type { MethodSpec } from './method.js';

type Spec = MethodSpec<IdentityServices>;

const allocate: Spec = {
  name: 'one.group.allocate',
  params: ['string'],
  federated: true,
  handler: (call) => allocateGroup(call, call.params[0] as string),
};

const remove: Spec = {
  name: 'one.group.delete',
  params: ['int'],
  federated: true,
  handler: (call) => deleteGroup(call, call.params[0] as number),
};

const update: Spec = {
  name: 'one.group.update',
  params: ['int', 'string', 'int'],
  optionalFrom: 2,
  federated: true,
  handler: (call) => {
    const [id, template, mode = 0] = call.params as [number, string, number?];
    return updateGroupTemplate(call, id, template, mode);
  },
};

const addadmin: Spec = {
  name: 'one.group.addadmin',
  params: ['int', 'int'],
  federated: true,
  handler: (call) => addGroupAdmin(call, call.params[0] as number, call.params[1] as number),
};

const deladmin: Spec = {
  name: 'one.group.deladmin',
  params: ['int', 'int'],
  federated: true,
  handler: (call) => deleteGroupAdmin(call, call.params[0] as number, call.params[1] as number),
};

const info: Spec = {
  name: 'one.group.info',
  params: ['int', 'boolean'],
  optionalFrom: 1,
  leaderOnly: false,
  allowedWhenDisabled: true,
  handler: (call) => groupInfo(call, call.params[0] as number),
};

const poolInfo: Spec = {
  name: 'one.grouppool.info',
  params: [],
  leaderOnly: false,
  allowedWhenDisabled: true,
  handler: (call) => groupPoolInfo(call),
};

export const groupMethods: readonly Spec[] = [
  allocate,
  remove,
  update,
  addadmin,
  deladmin,
  info,
  poolInfo,
];
