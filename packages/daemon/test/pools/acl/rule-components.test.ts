import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { selectorBits } from '@onekit/core';
import { hexMask, ruleComponent, zoneComponent } from '../../../src/pools/acl/index.js';

describe('pools/acl/rule-components', () => {
  it('reads hex as C++ reads a long long: 0x optional, sign, saturating', () => {
    assert.equal(hexMask('200000001'), 0x200000001n);
    assert.equal(hexMask(' 0x4100000000 '), 0x4100000000n);
    assert.equal(hexMask('-1'), -1n);
    assert.equal(hexMask('ffffffffffffffffff'), 0x7fffffffffffffffn);
    assert.equal(hexMask('ADMIN'), undefined);
  });

  it('takes oneacl syntax where the text is not hex', () => {
    assert.equal(ruleComponent('@1', 'user'), selectorBits.GROUP | 1n);
    assert.equal(ruleComponent('ADMIN', 'rights'), 4n);
    assert.equal(ruleComponent('DATASTORE/*', 'resource'), 0x100000000000n | selectorBits.ALL);
    assert.throws(() => ruleComponent(' ', 'rights'), {
      code: 'ACL_SYNTAX',
      where: { field: 'rights', column: 1 },
    });
    assert.throws(() => ruleComponent('@1', 'zone'), {
      code: 'ACL_SYNTAX',
      where: { field: 'zone', column: 1 },
    });
  });

  it('makes an absent or empty zone the local one', () => {
    assert.equal(zoneComponent(undefined, 3), selectorBits.INDIVIDUAL | 3n);
    assert.equal(zoneComponent('', 0), selectorBits.INDIVIDUAL);
    assert.equal(zoneComponent('*', 0), selectorBits.ALL);
  });
});
