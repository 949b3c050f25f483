// Random secrets in the form OpenNebula uses: TOKEN_PASSWORD and the serveradmin secret
// are 64 hex characters (32 random bytes).
import { randomBytes } from 'node:crypto';

export type RandomBytes = (size: number) => Buffer;

export function randomHexSecret(bytes = 32, source: RandomBytes = randomBytes): string {
  return source(bytes).toString('hex');
}
