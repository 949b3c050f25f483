import assert from 'node:assert/strict';
import { aclRuleHex } from '../../src/acl/index.js';

// The client turns oneacl's string form into the hex masks one.acl.addrule takes.

describe('acl/rule-hex', () => {
  it("encodes rules as OpenNebula's client library does", () => {
    assert.deepEqual(aclRuleHex('@1 DOCUMENT/* CREATE'), {
      user: '200000001',
      resource: '400400000000',
      rights: '8',
    });
    assert.deepEqual(aclRuleHex('  #5   vm+Image/@100  use+MANAGE  #0 '), {
      user: '100000005',
      resource: '9200000064',
      rights: '3',
      zone: '100000000',
    });
    assert.deepEqual(aclRuleHex('* HOST/%100 ADMIN *'), {
      user: '400000000',
      resource: '2800000064',
      rights: '4',
      zone: '400000000',
    });
  });

  it('names the component and the column it cannot read', () => {
    const cases: [string, string, number][] = [
      ['@1 VM/*', 'rule', 1],
      ['@1 VM/* USE #0 extra', 'rule', 1],
      ['1 VM/* USE', 'user', 1],
      ['@1 VM USE', 'resource', 4],
      ['@1 VM+BOX/* USE', 'resource', 7],
      ['@1 VM/@x USE', 'resource', 7],
      ['@1 VM/* READ', 'rights', 9],
      ['@1 VM/* USE 0', 'zone', 13],
    ];
    for (const [text, field, column] of cases) {
      assert.throws(() => aclRuleHex(text), { code: 'ACL_SYNTAX', where: { field, column } }, text);
    }
  });
});
