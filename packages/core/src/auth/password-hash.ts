// oned's core password check: the stored PASSWORD is the lowercase hex SHA-256 of the
// password (SHA-1 before 5.8). Either digest of the supplied secret is accepted; a SHA-1
// match tells the caller to store the SHA-256 form instead.
import { createHash, timingSafeEqual } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

export type PasswordCheck =
  | {
      accepted: true;
      /** The stored hash is SHA-1: replace it with sha256Hex(secret). */ upgrade: boolean;
    }
  | { accepted: false; upgrade: false };

export function verifyPassword(storedHash: string, supplied: string): PasswordCheck {
  // Both digests are always computed and compared so the time taken does not reveal which
  // form is stored.
  const sha256Match = constantTimeEqual(storedHash, sha256Hex(supplied));
  const sha1Match = constantTimeEqual(storedHash, sha1Hex(supplied));
  if (sha256Match) return { accepted: true, upgrade: false };
  if (sha1Match) return { accepted: true, upgrade: true };
  return { accepted: false, upgrade: false };
}

/** String equality whose time depends only on the lengths, never on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
