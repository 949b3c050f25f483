import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeOnegateToken, randomHexSecret, verifyOnegateToken } from '../../src/auth/index.js';
import { isOneKitError } from '../../src/errors/index.js';

// Known answer, computed once with openssl (key = first 32 bytes of TOKEN_PASSWORD, zero IV):
//   printf %s 42:1700000000 | openssl enc -aes-256-cbc \
//     -K $(printf %s 0123456789abcdef0123456789abcdef | xxd -p -c 100) -iv 0...0 -base64 -A
const TOKEN_PASSWORD = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const TOKEN = 'AgTffmq/LyEbdncgHfYvfg==';
const subject = { tokenPassword: TOKEN_PASSWORD, vmId: 42, stime: 1_700_000_000 };

describe('auth/onegate-token', () => {
  it('encodes the known answer', () => {
    assert.equal(encodeOnegateToken(subject), TOKEN);
  });

  it('verifies the known answer, also with a trailing newline as in token.txt', () => {
    assert.equal(verifyOnegateToken({ ...subject, token: TOKEN }), true);
    assert.equal(verifyOnegateToken({ ...subject, token: `${TOKEN}\n` }), true);
  });

  it('uses only the first 32 bytes of TOKEN_PASSWORD', () => {
    const other = TOKEN_PASSWORD.slice(0, 32) + 'f'.repeat(32);
    assert.equal(verifyOnegateToken({ ...subject, tokenPassword: other, token: TOKEN }), true);
  });

  it('refuses another VM, another STIME and another password', () => {
    assert.equal(verifyOnegateToken({ ...subject, vmId: 43, token: TOKEN }), false);
    assert.equal(verifyOnegateToken({ ...subject, stime: 1_700_000_001, token: TOKEN }), false);
    const wrongKey = 'f'.repeat(64);
    assert.equal(verifyOnegateToken({ ...subject, tokenPassword: wrongKey, token: TOKEN }), false);
  });

  it('refuses garbage and tampered tokens', () => {
    for (const token of [
      '',
      'abc',
      '!!!!',
      Buffer.alloc(16).toString('base64'),
      Buffer.alloc(17).toString('base64'),
    ]) {
      assert.equal(verifyOnegateToken({ ...subject, token }), false, token);
    }
    const bytes = Buffer.from(TOKEN, 'base64');
    for (let i = 0; i < bytes.length; i++) {
      const tampered = Buffer.from(bytes);
      tampered[i] ^= 0x80;
      assert.equal(
        verifyOnegateToken({ ...subject, token: tampered.toString('base64') }),
        false,
        `byte ${i}`,
      );
    }
  });

  it('refuses a TOKEN_PASSWORD shorter than the key', () => {
    assert.throws(
      () => encodeOnegateToken({ ...subject, tokenPassword: 'short' }),
      (err) => isOneKitError(err, 'AUTH_TOKEN') && err.where.field === 'TOKEN_PASSWORD',
    );
  });

  it('round-trips any VM id and STIME', () => {
    const password = randomHexSecret();
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (vmId, stime) => {
        const token = encodeOnegateToken({ tokenPassword: password, vmId, stime });
        assert.equal(verifyOnegateToken({ tokenPassword: password, vmId, stime, token }), true);
        assert.equal(
          verifyOnegateToken({ tokenPassword: password, vmId: vmId + 1, stime, token }),
          false,
        );
      }),
    );
  });
});
