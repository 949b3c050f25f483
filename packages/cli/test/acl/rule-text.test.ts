import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAclRule } from '../../../daemon/src/authz/acl-string.js';
import { aclResourceBits, aclRightBits, parseAclRuleText } from '../../src/acl/index.js';

// The client turns oneacl's string form into the hex masks one.acl.addrule takes; the
// daemon parses the same syntax on its side. Both must agree wherever both accept a rule.

describe('acl/rule-text', () => {
  it("encodes rules as OpenNebula's client library does", () => {
    assert.deepEqual(parseAclRuleText('@1 DOCUMENT/* CREATE'), {
      user: '200000001',
      resource: '400400000000',
      rights: '8',
    });
    assert.deepEqual(parseAclRuleText('  #5   vm+Image/@100  use+MANAGE  #0 '), {
      user: '100000005',
      resource: '9200000064',
      rights: '3',
      zone: '100000000',
    });
    assert.deepEqual(parseAclRuleText('* HOST/%100 ADMIN *'), {
      user: '400000000',
      resource: '2800000064',
      rights: '4',
      zone: '400000000',
    });
  });

  it('names the component it cannot read', () => {
    const cases: [string, string, string][] = [
      ['@1 VM/*', 'rule', 'String needs three components: User, Resource, Rights'],
      ['@1 VM/* USE #0 extra', 'rule', 'String needs three components: User, Resource, Rights'],
      ['1 VM/* USE', 'user', "ID string '1' malformed"],
      ['@1 VM USE', 'resource', "Resource 'VM' malformed"],
      ['@1 VM+BOX/* USE', 'resource', "Resource 'BOX' does not exist"],
      ['@1 VM/@x USE', 'resource', "ID string '@x' malformed"],
      ['@1 VM/* READ', 'rights', "Right 'READ' does not exist"],
      ['@1 VM/* USE 0', 'zone', "ID string '0' malformed"],
      ['#4294967296 VM/* USE', 'user', "ID string '#4294967296' is out of range"],
    ];
    for (const [text, field, message] of cases) {
      assert.throws(
        () => parseAclRuleText(text),
        { code: 'ACL_SYNTAX', where: { field }, message },
        text,
      );
    }
  });

  it("agrees with the daemon's parser on every rule both accept (property)", () => {
    const id = fc.integer({ min: 0, max: 0x7fffffff });
    const selector = (sigils: string[]) =>
      fc.oneof(
        fc.constant('*'),
        fc.tuple(fc.constantFrom(...sigils), id).map(([s, n]) => `${s}${n}`),
      );
    const names = (all: string[]) =>
      fc.uniqueArray(fc.constantFrom(...all), { minLength: 1 }).map((n) => n.join('+'));
    const rule = fc
      .tuple(
        selector(['#', '@']),
        names(Object.keys(aclResourceBits)),
        selector(['#', '@', '%']),
        names(Object.keys(aclRightBits)),
        fc.option(selector(['#']), { nil: undefined }),
      )
      .map(
        ([user, types, res, rights, zone]) =>
          `${user} ${types}/${res} ${rights}${zone ? ` ${zone}` : ''}`,
      );
    fc.assert(
      fc.property(rule, (text) => {
        const ours = parseAclRuleText(text);
        const theirs = parseAclRule(text);
        const hex = (mask: bigint) => mask.toString(16);
        assert.deepEqual(ours, {
          user: hex(theirs.user),
          resource: hex(theirs.resource),
          rights: hex(theirs.rights),
          ...(theirs.zone === undefined ? {} : { zone: hex(theirs.zone) }),
        });
      }),
    );
  });
});
