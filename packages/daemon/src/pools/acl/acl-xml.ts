// The ACL_POOL document of one.acl.info: each rule's masks in hex (two's complement, no
// prefix, as oned prints a long long with std::hex) and its string form.
import { element, printAclRule, renderXml, type AclRule } from '@onekit/core';

function hex(mask: bigint): string {
  return BigInt.asUintN(64, mask).toString(16);
}

export function aclPoolXml(rules: readonly AclRule[]): string {
  return renderXml(
    element(
      'ACL_POOL',
      rules.length === 0
        ? ''
        : rules.map((rule) =>
            element('ACL', [
              element('ID', rule.id),
              element('USER', hex(rule.user)),
              element('RESOURCE', hex(rule.resource)),
              element('RIGHTS', hex(rule.rights)),
              element('ZONE', hex(rule.zone)),
              element('STRING', printAclRule(rule)),
            ]),
          ),
    ),
  );
}
