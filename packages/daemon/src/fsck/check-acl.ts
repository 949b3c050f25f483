// ACL rules that name a user, group or zone that no longer exists are dropped, as oned
// drops them when the object is deleted. A resource naming one object of several types
// (`USER+GROUP/#7`) cannot be attributed to one pool and is left alone.
import { ID_MASK, SELECTOR_MASK, TYPE_MASK, objectTypeBits, selectorBits } from '@onekit/core';
import { deleteAclRuleOp, readAclRules } from '../pools/acl/index.js';
import type { CheckContext } from './fsck-problem.js';

type Kind = 'user' | 'group' | 'zone';

function missing(ctx: CheckContext, kind: Kind, id: number): boolean {
  const { users, groups, zones } = ctx.model;
  return !{ user: users, group: groups, zone: zones }[kind].exists(id);
}

/** The objects a rule names, with the part of the rule that names them. */
function namedObjects(rule: {
  user: bigint;
  resource: bigint;
  zone: bigint;
}): { kind: Kind; id: number; part: string }[] {
  const named: { kind: Kind; id: number; part: string }[] = [];
  const id = (mask: bigint) => Number(mask & ID_MASK);
  const selector = (mask: bigint) => mask & SELECTOR_MASK;
  if (selector(rule.user) === selectorBits.INDIVIDUAL)
    named.push({ kind: 'user', id: id(rule.user), part: 'applies to' });
  if (selector(rule.user) === selectorBits.GROUP)
    named.push({ kind: 'group', id: id(rule.user), part: 'applies to' });
  if (selector(rule.resource) === selectorBits.GROUP)
    named.push({ kind: 'group', id: id(rule.resource), part: 'covers the objects of' });
  if (selector(rule.resource) === selectorBits.INDIVIDUAL) {
    const types = rule.resource & TYPE_MASK;
    const kinds: [bigint, Kind][] = [
      [objectTypeBits.USER, 'user'],
      [objectTypeBits.GROUP, 'group'],
      [objectTypeBits.ZONE, 'zone'],
    ];
    const kind = kinds.find(([bits]) => bits === types)?.[1];
    if (kind) named.push({ kind, id: id(rule.resource), part: 'covers' });
  }
  if (selector(rule.zone) === selectorBits.INDIVIDUAL)
    named.push({ kind: 'zone', id: id(rule.zone), part: 'is for' });
  return named;
}

export async function checkAcl(ctx: CheckContext): Promise<void> {
  const rules = [...(await readAclRules(ctx))].sort((a, b) => a.id - b.id);
  for (const rule of rules) {
    const gone = namedObjects(rule).filter((o) => missing(ctx, o.kind, o.id));
    if (gone.length === 0) continue;
    for (const object of gone) {
      ctx.report({
        table: 'acl',
        id: rule.id,
        message: `ACL rule ${rule.id} ${object.part} ${object.kind} ${object.id}, which does not exist`,
        fixable: true,
      });
    }
    ctx.write(deleteAclRuleOp(rule.id));
  }
}
