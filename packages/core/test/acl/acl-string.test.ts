import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import {
  parseAclRule,
  printAclRule,
  selectorBits,
  objectTypeBits as T,
  rightBits as R,
} from '../../src/acl/index.js';
import { wellFormedMasks } from './arbitraries.js';

const { INDIVIDUAL, GROUP, ALL, CLUSTER } = selectorBits;

describe('acl/acl-string', () => {
  const cases: [string, { user: bigint; resource: bigint; rights: bigint; zone?: bigint }][] = [
    ['@1 DOCUMENT/* CREATE', { user: GROUP | 1n, resource: T.DOCUMENT | ALL, rights: R.CREATE }],
    [
      '#5 HOST/#1 MANAGE #0',
      {
        user: INDIVIDUAL | 5n,
        resource: T.HOST | INDIVIDUAL | 1n,
        rights: R.MANAGE,
        zone: INDIVIDUAL,
      },
    ],
    [
      '* NET+DATASTORE/%100 USE+ADMIN *',
      {
        user: ALL,
        resource: T.NET | T.DATASTORE | CLUSTER | 100n,
        rights: R.USE | R.ADMIN,
        zone: ALL,
      },
    ],
    [
      '  @7   vm+image/@7  use+manage  ',
      { user: GROUP | 7n, resource: T.VM | T.IMAGE | GROUP | 7n, rights: R.USE | R.MANAGE },
    ],
  ];
  for (const [text, rule] of cases) {
    it(`parses "${text.trim()}"`, () => assert.deepEqual(parseAclRule(text), rule));
  }

  it('prints exactly the STRING oned stores, types and rights in its order', () => {
    assert.equal(
      printAclRule({
        user: GROUP | 1n,
        resource: ALL | T.BACKUPJOB | T.VM | T.IMAGE,
        rights: R.CREATE | R.USE,
        zone: ALL,
      }),
      '@1 VM+IMAGE+BACKUPJOB/* USE+CREATE *',
    );
    assert.equal(
      printAclRule({
        user: INDIVIDUAL | 5n,
        resource: T.HOST | INDIVIDUAL | 1n,
        rights: R.MANAGE,
        zone: INDIVIDUAL | 0n,
      }),
      '#5 HOST/#1 MANAGE #0',
    );
    assert.equal(printAclRule({ user: 0n, resource: T.ACL, rights: 0n, zone: 0n }), '?? /??  ??');
  });

  it('round-trips every well-formed rule (property)', () => {
    fc.assert(
      fc.property(wellFormedMasks, (rule) => {
        assert.deepEqual(parseAclRule(printAclRule(rule)), rule);
      }),
      { numRuns: 500 },
    );
  });

  const errors: [string, string, number][] = [
    ['@1 VM/*', 'rule', 1],
    ['@1 VM/* USE * extra', 'rule', 1],
    ['%1 VM/* USE', 'user', 1],
    ['@x VM/* USE', 'user', 1],
    ['@1 VM USE', 'resource', 4],
    ['@1 VM/*/1 USE', 'resource', 4],
    ['@1 VM+BOGUS/* USE', 'resource', 7],
    ['@1 /* USE', 'resource', 4],
    ['@1 VM/$2 USE', 'resource', 7],
    ['@1 VM/* USE+FLY', 'rights', 13],
    ['@1 VM/* USE @0', 'zone', 13],
    ['#99999999999 VM/* USE', 'user', 2],
  ];
  for (const [text, field, column] of errors) {
    it(`refuses "${text}", naming the ${field} at column ${column}`, () => {
      assert.throws(() => parseAclRule(text), { code: 'ACL_SYNTAX', where: { field, column } });
    });
  }

  it('names the bad token in the message', () => {
    assert.throws(() => parseAclRule('@1 VM+BOGUS/* USE'), /BOGUS/);
    assert.throws(() => parseAclRule('@1 VM/* USE+FLY'), /FLY/);
  });
});
