// one.user.info and one.userpool.info: the USER document (id -1 is the caller) and the
// USER_POOL of the users the caller may see, each followed by its quotas, then the
// default user quotas. A user without a quota row in this zone shows empty quotas.
import { requesterOf } from '../../authz/authorizer.js';
import { reverseSearch, visibleInPool } from '../../authz/reverse-search.js';
import { authorizedUser } from './authorized-user.js';
import type { IdentityCall } from './identity-services.js';
import { quotaElements, readDefaultQuotas } from './quotas.js';
import { userRowAuth } from './user-access.js';
import { readUserPool, readUserQuotas } from './user-reader.js';
import { userBody, userInfoXml } from './user-xml.js';

/** oned's decrypt flag changes nothing here: no user attribute is stored encrypted. */
export async function userInfo(call: IdentityCall, id: number): Promise<string> {
  const user = await authorizedUser(call, id === -1 ? call.caller.uid : id, 'USE');
  const { db } = call.services;
  return userInfoXml(user, {
    own: quotaElements(await readUserQuotas(db, user.id)),
    defaults: await readDefaultQuotas(db, 'DEFAULT_USER_QUOTAS'),
  });
}

export async function userPoolInfo(call: IdentityCall): Promise<string> {
  const { db, authorizer, zoneId } = call.services;
  const requester = requesterOf(call.caller);
  const grant = reverseSearch((await authorizer.ruleSet()).rules, requester, {
    type: 'USER',
    right: 'USE',
    zoneId,
  });
  let xml = '<USER_POOL>';
  for (const { user, quotas } of await readUserPool(db)) {
    if (!visibleInPool(userRowAuth(user), requester, grant)) continue;
    xml += `${userBody(user)}<QUOTAS><ID>${user.id}</ID>${quotaElements(quotas)}</QUOTAS>`;
  }
  return `${xml}${await readDefaultQuotas(db, 'DEFAULT_USER_QUOTAS')}</USER_POOL>`;
}
