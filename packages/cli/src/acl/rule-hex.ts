// one.acl.addrule takes the masks as hexadecimal text, the only form oned reads, so a rule
// given in oneacl's string form (`@1 VM+IMAGE/* CREATE`) is parsed here before calling, as
// OpenNebula's client library does.
import { parseAclRule } from '@onekit/core';

/** The masks as one.acl.addrule's string parameters: lower-case hex without 0x. */
export interface AclRuleHex {
  user: string;
  resource: string;
  rights: string;
  /** Absent when the rule names no zone (the server's own zone applies). */
  zone?: string;
}

/** Parses the string form; ACL_SYNTAX names the component and the column it cannot read. */
export function aclRuleHex(text: string): AclRuleHex {
  const rule = parseAclRule(text);
  const hex = (mask: bigint) => mask.toString(16);
  return {
    user: hex(rule.user),
    resource: hex(rule.resource),
    rights: hex(rule.rights),
    ...(rule.zone === undefined ? {} : { zone: hex(rule.zone) }),
  };
}
