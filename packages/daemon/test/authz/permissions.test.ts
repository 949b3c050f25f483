import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import {
  defaultPermissions,
  permissionFields,
  permissionsFromOctal,
  permissionsFromUmask,
  permissionsToOctal,
} from '../../src/authz/index.js';

describe('authz/permissions', () => {
  it('reads octal as chmod does: U=4 M=2 A=1 for owner, group, other', () => {
    assert.deepEqual(permissionsFromOctal(0o640), {
      ownerU: 1,
      ownerM: 1,
      ownerA: 0,
      groupU: 1,
      groupM: 0,
      groupA: 0,
      otherU: 0,
      otherM: 0,
      otherA: 0,
    });
    assert.equal(permissionsToOctal(defaultPermissions), 0o600);
  });

  it('round-trips every octal mode (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0o777 }), (octal) => {
        assert.equal(permissionsToOctal(permissionsFromOctal(octal)), octal);
      }),
    );
  });

  it('applies a umask as oned does for new objects', () => {
    const of = (umask: number, uid: number, gid: number, enableOther = false) =>
      permissionsToOctal(permissionsFromUmask(umask, { uid, gid, enableOther }));
    assert.equal(of(0o177, 5, 1), 0o600);
    assert.equal(of(0o117, 5, 1, true), 0o660);
    assert.equal(of(0o111, 5, 1, true), 0o666);
    assert.equal(of(0o111, 5, 1), 0o660);
    assert.equal(of(0o022, 0, 1), 0o755);
    assert.equal(of(0o022, 5, 0), 0o755);
  });

  it('names the PERMISSIONS children in oned order', () => {
    assert.deepEqual(
      permissionFields(permissionsFromOctal(0o604))
        .map(([n, v]) => `${n}=${v}`)
        .join(' '),
      'OWNER_U=1 OWNER_M=1 OWNER_A=0 GROUP_U=0 GROUP_M=0 GROUP_A=0 OTHER_U=1 OTHER_M=0 OTHER_A=0',
    );
  });
});
