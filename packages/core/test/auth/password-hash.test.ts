import assert from 'node:assert/strict';
import fc from 'fast-check';
import { constantTimeEqual, sha1Hex, sha256Hex, verifyPassword } from '../../src/auth/index.js';

// Computed once with `printf %s opennebula | sha256sum` and `... | sha1sum`.
const SHA256_OPENNEBULA = 'b065663b91df7176a5d6567fddde2eb91b3ea73a5055c1f0915909f764d92cc6';
const SHA1_OPENNEBULA = '4478db59d30855454ece114e8ccfa5563d21c9bd';

describe('auth/password-hash', () => {
  it('matches known digests', () => {
    assert.equal(sha256Hex('opennebula'), SHA256_OPENNEBULA);
    assert.equal(sha1Hex('opennebula'), SHA1_OPENNEBULA);
  });

  it('accepts a SHA-256 stored hash without upgrade', () => {
    assert.deepEqual(verifyPassword(SHA256_OPENNEBULA, 'opennebula'), {
      accepted: true,
      upgrade: false,
    });
  });

  it('accepts a SHA-1 stored hash and asks for the upgrade', () => {
    assert.deepEqual(verifyPassword(SHA1_OPENNEBULA, 'opennebula'), {
      accepted: true,
      upgrade: true,
    });
  });

  it('refuses a wrong password, a plain stored password and an empty hash', () => {
    assert.deepEqual(verifyPassword(SHA256_OPENNEBULA, 'OpenNebula'), {
      accepted: false,
      upgrade: false,
    });
    assert.deepEqual(verifyPassword('opennebula', 'opennebula'), {
      accepted: false,
      upgrade: false,
    });
    assert.deepEqual(verifyPassword('', ''), { accepted: false, upgrade: false });
  });

  it('accepts exactly the password that was hashed', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (password, other) => {
        assert.equal(verifyPassword(sha256Hex(password), password).accepted, true);
        assert.equal(verifyPassword(sha256Hex(password), other).accepted, password === other);
      }),
    );
  });

  it('compares strings of any length', () => {
    assert.equal(constantTimeEqual('abc', 'abc'), true);
    assert.equal(constantTimeEqual('abc', 'abd'), false);
    assert.equal(constantTimeEqual('abc', 'abcd'), false);
    assert.equal(constantTimeEqual('', ''), true);
  });
});
