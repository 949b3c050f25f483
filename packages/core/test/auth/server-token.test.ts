import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decodeServerToken,
  encodeServerToken,
  serverTokenExpiry,
  sha256Hex,
} from '../../src/auth/index.js';
import { isOneKitError } from '../../src/errors/index.js';

// Known answer, computed once with openssl:
//   h=$(printf %s "$SECRET" | openssl dgst -sha256 -r | cut -d' ' -f1); key=${h:0:32}; iv=${key:0:16}
//   printf %s serveradmin:alice:1700001800 |
//     openssl enc -aes-256-cbc -K $(printf %s $key | xxd -p -c 100) -iv $(printf %s $iv | xxd -p -c 100) -base64 -A
const SECRET = '7f3c9a0d5e2b4c6a8f1e3d5b7a9c0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d';
const STORED = '86e1255ea7175312e8b5f62142692703e74a80c7703891cf940e407b96be8ae6';
const TOKEN = 'FOAK8mGcRERFox6R+0mp1Qbla8Tg15mc5qbu6SeCgB8=';
const NOW = 1_700_000_000;

function failsWith(field: string) {
  return (err: unknown) => isOneKitError(err, 'AUTH_TOKEN') && err.where.field === field;
}

describe('auth/server-token', () => {
  const decode = (session: string, now = NOW, storedHash = STORED) =>
    decodeServerToken({ storedHash, serverUser: 'serveradmin', session, now });

  it('stores the SHA-256 of the secret as the serveradmin password', () => {
    assert.equal(sha256Hex(SECRET), STORED);
  });

  it('encodes the known answer', () => {
    const session = encodeServerToken({
      secret: SECRET,
      targetUser: 'alice',
      expires: 1_700_001_800,
    });
    assert.equal(session, `serveradmin:alice:${TOKEN}`);
  });

  it('decodes the known answer', () => {
    assert.deepEqual(decode(`serveradmin:alice:${TOKEN}`), {
      targetUser: 'alice',
      expires: 1_700_001_800,
    });
  });

  it('carries an effective group outside the cipher text', () => {
    const session = encodeServerToken({
      secret: SECRET,
      targetUser: 'alice',
      expires: 1_700_001_800,
      egid: 105,
    });
    assert.equal(session, `serveradmin:alice:105:${TOKEN}`);
    assert.deepEqual(decode(session), { targetUser: 'alice', egid: 105, expires: 1_700_001_800 });
  });

  it('uses another server user name when asked', () => {
    const session = encodeServerToken({
      secret: SECRET,
      targetUser: 'bob',
      expires: NOW + 10,
      serverUser: 'gate',
    });
    assert.ok(session.startsWith('gate:bob:'));
    const got = decodeServerToken({ storedHash: STORED, serverUser: 'gate', session, now: NOW });
    assert.equal(got.targetUser, 'bob');
  });

  it('expires at the stated second (now >= expires is expired)', () => {
    const session = `serveradmin:alice:${TOKEN}`;
    assert.equal(decode(session, 1_700_001_799).expires, 1_700_001_800);
    assert.throws(() => decode(session, 1_700_001_800), failsWith('expires'));
    assert.throws(() => decode(session, 1_800_000_000), failsWith('expires'));
  });

  it('refuses a token made with another secret', () => {
    // With this key the last block has no valid padding, so the refusal is deterministic.
    assert.throws(
      () => decode(`serveradmin:alice:${TOKEN}`, NOW, sha256Hex('other secret')),
      failsWith('token'),
    );
  });

  it('refuses a session for another server user', () => {
    assert.throws(() => decode(`oneadmin:alice:${TOKEN}`), failsWith('user'));
  });

  it('refuses a token sealed by another server user with the same key', () => {
    const session = encodeServerToken({
      secret: SECRET,
      targetUser: 'alice',
      expires: NOW + 60,
      serverUser: 'other',
    });
    const replayed = session.replace(/^other:/, 'serveradmin:');
    assert.throws(() => decode(replayed), failsWith('user'));
  });

  it('refuses a token replayed for another target user', () => {
    assert.throws(() => decode(`serveradmin:mallory:${TOKEN}`), failsWith('targetUser'));
  });

  const garbage: Array<[string, string]> = [
    ['serveradmin', 'session'],
    ['serveradmin:alice', 'session'],
    ['serveradmin::abc=', 'session'],
    ['serveradmin:a:b:c:d', 'session'],
    ['serveradmin:alice:x7:' + TOKEN, 'egid'],
    ['serveradmin:alice:not base64!', 'token'],
    ['serveradmin:alice:abc', 'token'],
    ['serveradmin:alice:' + Buffer.from('short').toString('base64'), 'token'],
  ];
  for (const [session, field] of garbage) {
    it(`refuses garbage ${JSON.stringify(session)} (${field})`, () => {
      assert.throws(() => decode(session), failsWith(field));
    });
  }

  it('refuses a tampered cipher text', () => {
    const bytes = Buffer.from(TOKEN, 'base64');
    for (let i = 0; i < bytes.length; i++) {
      const tampered = Buffer.from(bytes);
      tampered[i] ^= 0x01;
      assert.throws(
        () => decode(`serveradmin:alice:${tampered.toString('base64')}`),
        (err) => isOneKitError(err, 'AUTH_TOKEN'),
        `byte ${i}`,
      );
    }
  });

  it('refuses bad input to the encoder', () => {
    const ok = { secret: SECRET, targetUser: 'alice', expires: NOW };
    assert.throws(() => encodeServerToken({ ...ok, secret: '' }), failsWith('secret'));
    assert.throws(() => encodeServerToken({ ...ok, targetUser: 'a:b' }), failsWith('targetUser'));
    assert.throws(() => encodeServerToken({ ...ok, expires: 1.5 }), failsWith('expires'));
    assert.throws(() => encodeServerToken({ ...ok, egid: -1 }), failsWith('egid'));
  });

  it('round-trips any user, group and expiry in the future', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }).filter((u) => !u.includes(':')),
        fc.option(fc.nat(), { nil: undefined }),
        fc.integer({ min: 1, max: 100_000 }),
        (targetUser, egid, ahead) => {
          const session = encodeServerToken({
            secret: SECRET,
            targetUser,
            egid,
            expires: NOW + ahead,
          });
          const got = decodeServerToken({
            storedHash: STORED,
            serverUser: 'serveradmin',
            session,
            now: NOW,
          });
          assert.deepEqual(got, {
            targetUser,
            ...(egid === undefined ? {} : { egid }),
            expires: NOW + ahead,
          });
        },
      ),
    );
  });

  describe('renewal', () => {
    it('issues now + 1800 s when there is no token yet', () => {
      assert.equal(serverTokenExpiry({ now: NOW }), NOW + 1800);
    });

    it('keeps the current expiry while it is at least 300 s away', () => {
      assert.equal(serverTokenExpiry({ now: NOW, current: NOW + 1800 }), NOW + 1800);
      assert.equal(serverTokenExpiry({ now: NOW, current: NOW + 300 }), NOW + 300);
    });

    it('renews within the last 300 s and after expiry', () => {
      assert.equal(serverTokenExpiry({ now: NOW, current: NOW + 299 }), NOW + 1800);
      assert.equal(serverTokenExpiry({ now: NOW, current: NOW - 5 }), NOW + 1800);
    });

    it('never hands out a token that expires within the margin', () => {
      fc.assert(
        fc.property(fc.nat(1e9), fc.option(fc.nat(2e9), { nil: undefined }), (now, current) => {
          assert.ok(serverTokenExpiry({ now, current }) - now >= 300);
        }),
      );
    });
  });
});
