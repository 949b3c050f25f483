// one.user.* and one.userpool.info: oned's signatures, optional trailing parameters and
// routing flags. Every write is federated (a slave zone forwards it to the master).
import {
  addUserGroup,
  allocateUser,
  changeAuthDriver,
  changePassword,
  changeUserGroup,
  deleteUser,
  deleteUserGroup,
  enableUser,
  importUser,
  loginUser,
  updateUserTemplate,
  userInfo,
  userPoolInfo,
  type IdentityServices,
} from '../pools/user/index.js';
import { rpcApiError } from './failures.js';
import type { MethodSpec } from './method.js';

type Spec = MethodSpec<IdentityServices>;

/** The optional array of group ids after the driver (xmlrpc-c sends it as an array of i4). */
function groupIds(method: string, value: unknown): number[] {
  if (value === undefined) return [];
  if (
    !Array.isArray(value) ||
    !value.every((id) => typeof id === 'number' && Number.isInteger(id))
  ) {
    throw rpcApiError(method, 'The groups must be an array of group IDs');
  }
  return value as number[];
}

const allocate: Spec = {
  name: 'one.user.allocate',
  // A fourth parameter, the array of group ids, may follow: it is read by the handler.
  params: ['string', 'string', 'string'],
  federated: true,
  handler: (call) => {
    const [name, password, driver, groups] = call.params as [string, string, string, unknown];
    return allocateUser(call, { name, password, driver, groupIds: groupIds(call.method, groups) });
  },
};

// OneKit's own: a user of another zone, its password in stored form (oneadmin only).
const importSpec: Spec = {
  name: 'onekit.user.import',
  // The array of group ids (the first primary) follows, as one.user.allocate's does.
  params: ['string', 'string', 'string', 'boolean', 'string'],
  federated: true,
  handler: (call) => {
    const [name, password, driver, enabled, template, groups] = call.params as [
      string,
      string,
      string,
      boolean,
      string,
      unknown,
    ];
    return importUser(call, {
      name,
      password,
      driver,
      enabled,
      template,
      groupIds: groupIds(call.method, groups),
    });
  },
};

const remove: Spec = {
  name: 'one.user.delete',
  params: ['int'],
  federated: true,
  handler: (call) => deleteUser(call, call.params[0] as number),
};

const passwd: Spec = {
  name: 'one.user.passwd',
  params: ['int', 'string'],
  federated: true,
  handler: (call) => changePassword(call, call.params[0] as number, call.params[1] as string),
};

const chauth: Spec = {
  name: 'one.user.chauth',
  params: ['int', 'string', 'string'],
  federated: true,
  handler: (call) => {
    const [id, driver, password] = call.params as [number, string, string];
    return changeAuthDriver(call, id, driver, password);
  },
};

const enable: Spec = {
  name: 'one.user.enable',
  params: ['int', 'boolean'],
  federated: true,
  handler: (call) => enableUser(call, call.params[0] as number, call.params[1] as boolean),
};

const update: Spec = {
  name: 'one.user.update',
  params: ['int', 'string', 'int'],
  optionalFrom: 2,
  federated: true,
  handler: (call) => {
    const [id, template, mode = 0] = call.params as [number, string, number?];
    return updateUserTemplate(call, id, template, mode);
  },
};

const chgrp: Spec = {
  name: 'one.user.chgrp',
  params: ['int', 'int'],
  federated: true,
  handler: (call) => changeUserGroup(call, call.params[0] as number, call.params[1] as number),
};

const addgroup: Spec = {
  name: 'one.user.addgroup',
  params: ['int', 'int'],
  federated: true,
  handler: (call) => addUserGroup(call, call.params[0] as number, call.params[1] as number),
};

const delgroup: Spec = {
  name: 'one.user.delgroup',
  params: ['int', 'int'],
  federated: true,
  handler: (call) => deleteUserGroup(call, call.params[0] as number, call.params[1] as number),
};

const login: Spec = {
  name: 'one.user.login',
  params: ['string', 'string', 'int', 'int'],
  optionalFrom: 3,
  federated: true,
  handler: (call) => {
    const [name, token, valid, egid = -1] = call.params as [string, string, number, number?];
    return loginUser(call, name, { token, valid, egid });
  },
};

const info: Spec = {
  name: 'one.user.info',
  params: ['int', 'boolean'],
  optionalFrom: 1,
  leaderOnly: false,
  allowedWhenDisabled: true,
  handler: (call) => userInfo(call, call.params[0] as number),
};

const poolInfo: Spec = {
  name: 'one.userpool.info',
  params: [],
  leaderOnly: false,
  allowedWhenDisabled: true,
  handler: (call) => userPoolInfo(call),
};

export const userMethods: readonly Spec[] = [
  allocate,
  importSpec,
  remove,
  passwd,
  chauth,
  enable,
  update,
  chgrp,
  addgroup,
  delgroup,
  login,
  info,
  poolInfo,
];
