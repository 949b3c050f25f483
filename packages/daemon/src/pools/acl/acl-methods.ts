// one.acl.addrule, delrule and info. Every one needs MANAGE on the ACL pool (the oneadmin
// group in practice). Messages are oned's: a rule that exists or is malformed is refused
// with INTERNAL naming the rule in its string form.
import {
  aclRuleProblems,
  isOneKitError,
  printAclRule,
  sameAclMasks,
  type AclMasks,
} from '@onekit/core';
import { internalError } from '../../api/failures.js';
import { poolAuth, requireAuthorized } from '../../authz/require-authorized.js';
import { commitFederated, type IdentityCall } from '../user/identity-services.js';
import { readAclRules } from './acl-reader.js';
import { deleteAclRuleOp, insertAclRuleOp } from './acl-rows.js';
import { aclPoolXml } from './acl-xml.js';
import { ruleComponent, zoneComponent } from './rule-components.js';

const OBJECT = 'ACL';

function authorize(call: IdentityCall): Promise<void> {
  return requireAuthorized(call, [{ right: 'MANAGE', object: poolAuth('ACL') }], OBJECT);
}

export interface AddRuleRequest {
  readonly user: string;
  readonly resource: string;
  readonly rights: string;
  /** Absent or empty: this server's zone. */
  readonly zone?: string;
}

function masksOf(call: IdentityCall, req: AddRuleRequest): AclMasks {
  try {
    return {
      user: ruleComponent(req.user, 'user'),
      resource: ruleComponent(req.resource, 'resource'),
      rights: ruleComponent(req.rights, 'rights'),
      zone: zoneComponent(req.zone, call.services.zoneId),
    };
  } catch (err) {
    if (!isOneKitError(err, 'ACL_SYNTAX')) throw err;
    throw internalError(call.method, `Rule ${err.where.field} cannot be parsed: ${err.message}`);
  }
}

export async function addAclRule(call: IdentityCall, req: AddRuleRequest): Promise<number> {
  const { services, method } = call;
  await authorize(call);
  const masks = masksOf(call, req);
  return services.identityWrites.run(async () => {
    const text = printAclRule(masks);
    if ((await readAclRules(services.db)).some((rule) => sameAclMasks(rule, masks))) {
      throw internalError(method, `Rule ${text} already exists`);
    }
    const problems = aclRuleProblems(masks);
    if (problems !== undefined)
      throw internalError(method, `Rule ${text} is malformed: ${problems}`);
    const { oid, control } = await services.oids.next('acl');
    await commitFederated(call, [insertAclRuleOp({ id: oid, ...masks }), control]);
    return oid;
  });
}

export async function deleteAclRule(call: IdentityCall, id: number): Promise<number> {
  const { services, method } = call;
  await authorize(call);
  return services.identityWrites.run(async () => {
    if (!(await readAclRules(services.db)).some((rule) => rule.id === id)) {
      throw internalError(method, `Rule ${id} does not exist`);
    }
    await commitFederated(call, [deleteAclRuleOp(id)]);
    return id;
  });
}

export async function aclInfo(call: IdentityCall): Promise<string> {
  await authorize(call);
  return aclPoolXml(await readAclRules(call.services.db));
}
