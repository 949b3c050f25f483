// oneacl's string form of a rule, both ways: `@1 VM+IMAGE/* CREATE *`,
// `#5 HOST/#1 MANAGE #0`. Printing gives exactly the STRING oned puts in ACL_POOL;
// parsing takes what oneacl takes (3 or 4 components, names in any case) and names the
// component and the token it cannot read.
import { OneKitError } from '../errors/index.js';
import { maskId, selectorBits, selectorMask, type AclMasks, type Selector } from './acl-rule.js';
import { aclResourceTypes, objectTypeBits, type ObjectType } from './object-types.js';
import { rightBits, rightNames, type Right } from './rights.js';

export type AclComponent = 'rule' | 'user' | 'resource' | 'rights' | 'zone';

/** A parsed rule; `zone` is absent when the text leaves it out (the caller's zone applies). */
export interface ParsedAclRule {
  readonly user: bigint;
  readonly resource: bigint;
  readonly rights: bigint;
  readonly zone?: bigint;
}

/** The rule as oned prints it (AclRule::build_str), `??` for a selector it cannot name. */
export function printAclRule(rule: AclMasks): string {
  const { user, resource, rights, zone } = rule;
  const types = aclResourceTypes.filter((t) => (resource & objectTypeBits[t]) !== 0n).join('+');
  const granted = rightNames.filter((r) => (rights & rightBits[r]) !== 0n).join('+');
  return `${printUser(user)} ${types}/${printResourceSelector(resource)} ${granted} ${printZone(zone)}`;
}

function printUser(user: bigint): string {
  if ((user & selectorBits.GROUP) !== 0n) return `@${maskId(user)}`;
  if ((user & selectorBits.INDIVIDUAL) !== 0n) return `#${maskId(user)}`;
  if ((user & selectorBits.ALL) !== 0n) return '*';
  return '??';
}

function printResourceSelector(resource: bigint): string {
  if ((resource & selectorBits.GROUP) !== 0n) return `@${maskId(resource)}`;
  if ((resource & selectorBits.INDIVIDUAL) !== 0n) return `#${maskId(resource)}`;
  if ((resource & selectorBits.CLUSTER) !== 0n) return `%${maskId(resource)}`;
  if ((resource & selectorBits.ALL) !== 0n) return '*';
  return '??';
}

function printZone(zone: bigint): string {
  if ((zone & selectorBits.INDIVIDUAL) !== 0n) return `#${maskId(zone)}`;
  if ((zone & selectorBits.ALL) !== 0n) return '*';
  return '??';
}

export interface AclToken {
  readonly text: string;
  /** 1-based column of the token in the rule text. */
  readonly column: number;
}

/** Parses `USER RESOURCE RIGHTS [ZONE]`; throws ACL_SYNTAX naming the component. */
export function parseAclRule(text: string): ParsedAclRule {
  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], column: m.index + 1 }));
  if (tokens.length !== 3 && tokens.length !== 4) {
    fail(
      `a rule needs three or four components (user, resource, rights[, zone]), not ${tokens.length}`,
      'rule',
      1,
    );
  }
  const [user, resource, rights, zone] = tokens as [
    AclToken,
    AclToken,
    AclToken,
    AclToken | undefined,
  ];
  return {
    user: parseUserSelector(user),
    resource: parseResource(resource),
    rights: parseRights(rights),
    ...(zone === undefined ? {} : { zone: parseZoneSelector(zone) }),
  };
}

/** `#<id>`, `@<id>` or `*`. */
export function parseUserSelector(token: AclToken): bigint {
  return selectorMask(parseSelector(token, 'user', '#@*'));
}

/** `#<id>` or `*`. */
export function parseZoneSelector(token: AclToken): bigint {
  return selectorMask(parseSelector(token, 'zone', '#*'));
}

/** `TYPE[+TYPE...]/<selector>`, the selector one of `#<id>`, `@<id>`, `%<id>`, `*`. */
export function parseResource(token: AclToken): bigint {
  const parts = token.text.split('/');
  if (parts.length !== 2) {
    fail(`resource "${token.text}" must be TYPES/SELECTOR`, 'resource', token.column);
  }
  const [typeList, selectorText] = parts as [string, string];
  let mask = selectorMask(
    parseSelector(
      { text: selectorText, column: token.column + typeList.length + 1 },
      'resource',
      '#@%*',
    ),
  );
  if (typeList === '') fail('the resource names no object type', 'resource', token.column);
  let column = token.column;
  for (const name of typeList.split('+')) {
    const type = name.toUpperCase() as ObjectType;
    if (!aclResourceTypes.includes(type)) {
      fail(`resource type "${name}" does not exist`, 'resource', column);
    }
    mask |= objectTypeBits[type];
    column += name.length + 1;
  }
  return mask;
}

/** `RIGHT[+RIGHT...]` from USE, MANAGE, ADMIN, CREATE. */
export function parseRights(token: AclToken): bigint {
  let mask = 0n;
  let column = token.column;
  for (const name of token.text.split('+')) {
    const right = name.toUpperCase() as Right;
    if (!rightNames.includes(right)) fail(`right "${name}" does not exist`, 'rights', column);
    mask |= rightBits[right];
    column += name.length + 1;
  }
  return mask;
}

const MAX_ID = 0x7fffffff;

function parseSelector(token: AclToken, component: AclComponent, allowed: string): Selector {
  const { text, column } = token;
  const match = /^([#@%])(\d+)$|^\*$/.exec(text);
  const sigil = match ? (match[1] ?? '*') : undefined;
  if (sigil === undefined || !allowed.includes(sigil)) {
    const forms = [...allowed].map((c) => (c === '*' ? '*' : `${c}<id>`)).join(', ');
    fail(`${component} "${text}" is not one of ${forms}`, component, column);
  }
  if (sigil === '*') return { kind: 'all' };
  const id = Number(match![2]);
  if (id > MAX_ID) fail(`${component} id ${match![2]} is too large`, component, column + 1);
  const kind = sigil === '#' ? 'individual' : sigil === '@' ? 'group' : 'cluster';
  return { kind, id };
}

function fail(message: string, field: AclComponent, column: number): never {
  throw new OneKitError('ACL_SYNTAX', message, { field, column });
}
