// The bearer token clients present to an agent: 32 random bytes in hex, in a 0600 file
// created on the agent's first start. Compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { OneKitError, writeFileAtomic } from '@onekit/core';

export const TOKEN_BYTES = 32;

/** Reads a token file (the agent's, or a copy a client was given). */
export async function readAgentToken(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new OneKitError(
      missing ? 'CONFIG_MISSING' : 'CONFIG_INVALID',
      `${file}: the agent token file ${missing ? 'does not exist' : 'cannot be read'}`,
      { file },
      { cause: err },
    );
  }
  const token = text.trim();
  if (token === '' || /\s/.test(token)) {
    throw new OneKitError('CONFIG_INVALID', `${file}: the agent token file holds no token`, {
      file,
    });
  }
  return token;
}

/** The agent's token: read from `file`, or generated and written there (0600) when missing. */
export async function ensureAgentToken(
  file: string,
  randomBytes: (size: number) => Uint8Array,
): Promise<string> {
  try {
    return await readAgentToken(file);
  } catch (err) {
    if (!(err instanceof OneKitError && err.code === 'CONFIG_MISSING')) throw err;
  }
  const token = Buffer.from(randomBytes(TOKEN_BYTES)).toString('hex');
  await writeFileAtomic(file, `${token}\n`, { mode: 0o600 });
  return token;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True when `presented` is the token; the time taken does not depend on where they differ. */
export function tokenMatches(expected: string, presented: string): boolean {
  return timingSafeEqual(digest(expected), digest(presented));
}

/** The token of an `Authorization: Bearer <token>` header, if it has that form. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
