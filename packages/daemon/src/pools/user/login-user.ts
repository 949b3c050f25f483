// one.user.login: the caller needs MANAGE on the named user (its own self included);
// the token comes back as the call's value.
import { actionFailed, noExists, rpcApiError } from '../../api/failures.js';
import { requesterOf } from '../../authz/authorizer.js';
import { callerIsAdmin, requireAuthorized } from '../../authz/require-authorized.js';
import { commitFederated, type IdentityCall } from './identity-services.js';
import { applyLogin, type LoginRequest } from './login.js';
import { userAuth } from './user-access.js';
import { readUserByName } from './user-reader.js';
import { updateUserOp } from './user-rows.js';

export function loginUser(call: IdentityCall, name: string, req: LoginRequest): Promise<string> {
  const { services, method } = call;
  return services.identityWrites.run(async () => {
    const user = await readUserByName(services.db, name);
    // oned reports no id here: the message names the pool.
    if (user === undefined) throw noExists(method, 'user', -1);
    await requireAuthorized(call, [{ right: 'MANAGE', object: userAuth(user) }], 'user');
    const outcome = applyLogin(user, req, {
      nowSeconds: Math.floor(services.clock() / 1000),
      callerIsAdmin: callerIsAdmin(call.caller),
      callerGroups: requesterOf(call.caller).groups,
      newToken: services.randomSecret,
    });
    const changed = outcome.user;
    if (changed !== undefined) {
      await commitFederated(call, [updateUserOp(changed)]);
    }
    if (outcome.ok) return outcome.token;
    throw outcome.code === 'ACTION'
      ? actionFailed(method, outcome.message)
      : rpcApiError(method, outcome.message);
  });
}
