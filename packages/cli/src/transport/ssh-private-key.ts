// The client's private key, read and decrypted here before connecting, so that a missing
// file, a wrong passphrase or an unreadable format is an error naming the file rather than
// a failed login.
import type { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { OneKitError } from '@onekit/core';
import ssh2, { type ParsedKey } from 'ssh2';

/** The key in the file, decrypted with the passphrase when there is one. */
export async function loadPrivateKey(file: string, passphrase?: string): Promise<ParsedKey> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (err) {
    throw new OneKitError(
      'SSH_AUTH',
      `cannot read the private key ${file}`,
      { file },
      { cause: err },
    );
  }
  // ssh2 is CommonJS and Node does not see `utils` among its named exports.
  const parsed = ssh2.utils.parseKey(data, passphrase);
  if (parsed instanceof Error) {
    const hint = passphrase === undefined ? ' (it may need a passphrase)' : '';
    throw new OneKitError(
      'SSH_AUTH',
      `cannot use the private key ${file}${hint}`,
      { file },
      { cause: parsed },
    );
  }
  // A file may hold several keys (PuTTY's format does not, OpenSSH's holds one in practice).
  return Array.isArray(parsed) ? parsed[0]! : parsed;
}
