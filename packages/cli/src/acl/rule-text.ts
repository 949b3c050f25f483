import { OneKitError } from '@onekit/core';

// oneacl's string form of a rule, `USER RESOURCE RIGHTS [ZONE]` (`@1 VM+IMAGE/* CREATE`,
// `#5 HOST/#1 MANAGE #0`), turned into the hexadecimal masks one.acl.addrule takes, as
// OpenNebula's client library does before calling: the server only reads hex.

/** The selector bits of an id: #individual, @group, *all, %cluster. */
const selectorBits = { '#': 0x100000000n, '@': 0x200000000n, '*': 0x400000000n, '%': 0x800000000n };

/** The object types a rule can name, and their bits in the resource mask. */
export const aclResourceBits: Readonly<Record<string, bigint>> = {
  VM: 0x1000000000n,
  HOST: 0x2000000000n,
  NET: 0x4000000000n,
  IMAGE: 0x8000000000n,
  USER: 0x10000000000n,
  TEMPLATE: 0x20000000000n,
  GROUP: 0x40000000000n,
  DATASTORE: 0x100000000000n,
  CLUSTER: 0x200000000000n,
  DOCUMENT: 0x400000000000n,
  ZONE: 0x800000000000n,
  SECGROUP: 0x1000000000000n,
  VDC: 0x2000000000000n,
  VROUTER: 0x4000000000000n,
  MARKETPLACE: 0x8000000000000n,
  MARKETPLACEAPP: 0x10000000000000n,
  VMGROUP: 0x20000000000000n,
  VNTEMPLATE: 0x40000000000000n,
  BACKUPJOB: 0x100000000000000n,
};

export const aclRightBits: Readonly<Record<string, bigint>> = {
  USE: 0x1n,
  MANAGE: 0x2n,
  ADMIN: 0x4n,
  CREATE: 0x8n,
};

/** The masks as one.acl.addrule's string parameters: lower-case hex without 0x. */
export interface AclRuleHex {
  user: string;
  resource: string;
  rights: string;
  /** Absent when the rule names no zone (the server's own zone applies). */
  zone?: string;
}

type Component = 'user' | 'resource' | 'rights' | 'zone';

function syntax(message: string, field: Component | 'rule'): OneKitError {
  return new OneKitError('ACL_SYNTAX', message, { field });
}

/** `#5`, `@1`, `%100` or `*`, as a selector bit plus the id. */
function selector(text: string, field: Component): bigint {
  const match = /^([#@%]\d+|\*)$/.exec(text);
  if (!match) throw syntax(`ID string '${text}' malformed`, field);
  if (text === '*') return selectorBits['*'];
  const id = BigInt(text.slice(1));
  if (id > 0xffffffffn) throw syntax(`ID string '${text}' is out of range`, field);
  return selectorBits[text[0] as '#' | '@' | '%'] | id;
}

function names(
  text: string,
  bits: Readonly<Record<string, bigint>>,
  kind: string,
  field: Component,
) {
  let mask = 0n;
  for (const name of text.split('+')) {
    const bit = bits[name.toUpperCase()];
    if (bit === undefined) throw syntax(`${kind} '${name}' does not exist`, field);
    mask |= bit;
  }
  return mask;
}

/** Parses the string form; ACL_SYNTAX names the component it cannot read. */
export function parseAclRuleText(text: string): AclRuleHex {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 3 && parts.length !== 4) {
    throw syntax('String needs three components: User, Resource, Rights', 'rule');
  }
  const [user, resource, rights, zone] = parts as [string, string, string, string?];
  const halves = resource.split('/');
  if (halves.length !== 2) throw syntax(`Resource '${resource}' malformed`, 'resource');
  const hex = (mask: bigint) => mask.toString(16);
  return {
    user: hex(selector(user, 'user')),
    resource: hex(
      names(halves[0]!, aclResourceBits, 'Resource', 'resource') | selector(halves[1]!, 'resource'),
    ),
    rights: hex(names(rights, aclRightBits, 'Right', 'rights')),
    ...(zone === undefined ? {} : { zone: hex(selector(zone, 'zone')) }),
  };
}
