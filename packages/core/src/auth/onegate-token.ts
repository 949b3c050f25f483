// OneGate VM tokens: base64(AES-256-CBC(`<vmid>:<stime>`)) with the key = first 32 bytes of
// the VM creator's TOKEN_PASSWORD, an all-zero IV and PKCS#7 padding. The guest sends it in
// X-ONEGATE-TOKEN; the server decrypts it and compares with the VM's own id and STIME.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { OneKitError } from '../errors/index.js';
import { constantTimeEqual } from './password-hash.js';

export interface OnegateTokenSubject {
  /** TOKEN_PASSWORD from the template of the user who created the VM. */
  tokenPassword: string;
  vmId: number;
  /** The VM's STIME (epoch seconds). */
  stime: number;
}

export function encodeOnegateToken(options: OnegateTokenSubject): string {
  const cipher = createCipheriv('aes-256-cbc', onegateKey(options.tokenPassword), zeroIv);
  return Buffer.concat([cipher.update(plaintext(options), 'utf8'), cipher.final()]).toString(
    'base64',
  );
}

/** True when `token` seals exactly `<vmId>:<stime>` under this TOKEN_PASSWORD. */
export function verifyOnegateToken(options: OnegateTokenSubject & { token: string }): boolean {
  const key = onegateKey(options.tokenPassword);
  const sealed = Buffer.from(options.token.trim(), 'base64');
  if (sealed.length === 0 || sealed.length % 16 !== 0) return false;
  let opened: string;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, zeroIv);
    opened = Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  } catch {
    // A bad padding block means the wrong key or a forged token: both are a refusal.
    return false;
  }
  return constantTimeEqual(opened, plaintext(options));
}

const zeroIv = Buffer.alloc(16);

function plaintext({ vmId, stime }: OnegateTokenSubject): string {
  return `${vmId}:${stime}`;
}

function onegateKey(tokenPassword: string): Buffer {
  const bytes = Buffer.from(tokenPassword, 'utf8');
  if (bytes.length < 32) {
    throw new OneKitError('AUTH_TOKEN', 'TOKEN_PASSWORD must be at least 32 bytes long', {
      field: 'TOKEN_PASSWORD',
    });
  }
  return bytes.subarray(0, 32);
}
