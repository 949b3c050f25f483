// The host key policy of an SSH connection, against a known_hosts file on this machine:
// `strict` accepts only a recorded key, `accept-new` records the key of a host it has never
// seen and otherwise acts as strict, `off` accepts anything (only when asked for by name).
import { Buffer } from 'node:buffer';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OneKitError } from '@onekit/core';
import type { ServerHostKeyAlgorithm } from 'ssh2';
import {
  hostKeyFingerprint,
  knownHostLine,
  knownHostName,
  knownKeyTypes,
  lookUpHostKey,
  parseKnownHosts,
  type KnownHostEntry,
} from './ssh-known-hosts.js';

export type HostKeyChecking = 'strict' | 'accept-new' | 'off';

export type HostKeyPolicy =
  | { readonly checking: 'strict' | 'accept-new'; readonly knownHostsFile: string }
  | { readonly checking: 'off' };

/** Every host key algorithm ssh2 speaks, in its order of preference. */
const HOST_KEY_ALGORITHMS: readonly ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Signature algorithms that prove possession of a key of each type. */
const ALGORITHMS_FOR_KEY_TYPE: Readonly<Record<string, readonly string[]>> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

function isHostKeyAlgorithm(name: string): name is ServerHostKeyAlgorithm {
  return (HOST_KEY_ALGORITHMS as readonly string[]).includes(name);
}

export class HostKeyCheck {
  private constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly policy: HostKeyPolicy,
    private readonly entries: readonly KnownHostEntry[],
  ) {}

  /** Reads known_hosts once per connection (a missing file lists no host). */
  static async load(host: string, port: number, policy: HostKeyPolicy): Promise<HostKeyCheck> {
    const entries =
      policy.checking === 'off' ? [] : parseKnownHosts(await readKnownHosts(policy.knownHostsFile));
    return new HostKeyCheck(host, port, policy, entries);
  }

  private get name(): string {
    return knownHostName(this.host, this.port);
  }

  /**
   * Host key algorithms to offer, those of the recorded keys first: as ssh does, so that a
   * server with several keys proves the one we know rather than look changed.
   */
  algorithms(): ServerHostKeyAlgorithm[] {
    const known = knownKeyTypes(this.entries, this.name).flatMap(
      (type) => ALGORITHMS_FOR_KEY_TYPE[type] ?? [type],
    );
    return [...new Set([...known.filter(isHostKeyAlgorithm), ...HOST_KEY_ALGORITHMS])];
  }

  /** Accepts `key` (SSH wire format) or throws why not; accept-new records a new host. */
  async verify(key: Buffer): Promise<void> {
    const policy = this.policy;
    if (policy.checking === 'off') return;
    const file = policy.knownHostsFile;
    const fingerprint = hostKeyFingerprint(key);
    const found = lookUpHostKey(this.entries, this.name, key);
    switch (found.status) {
      case 'known':
        return;
      case 'revoked':
        throw new OneKitError(
          'SSH_HOST_KEY_MISMATCH',
          `the host key of ${this.host} port ${this.port} (${fingerprint}) is revoked in ${file}`,
          { file, line: found.line },
        );
      case 'changed':
        throw new OneKitError(
          'SSH_HOST_KEY_MISMATCH',
          `the host key of ${this.host} port ${this.port} has changed: it is now ${fingerprint}, ` +
            `${file} line ${found.lines.join(', ')} records another. Someone may be intercepting ` +
            `the connection; if the host was reinstalled, remove the old line.`,
          { file, line: found.lines[0]! },
        );
      case 'unknown':
        if (policy.checking === 'strict') {
          throw new OneKitError(
            'SSH_HOST_UNKNOWN',
            `${this.host} port ${this.port} is not in ${file} (its key is ${fingerprint}); ` +
              `verify the fingerprint, then add the host or connect once with accept-new`,
            { file },
          );
        }
        await appendKnownHost(file, knownHostLine(this.name, key));
    }
  }
}

async function readKnownHosts(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

/** Adds one line, starting a new line first if the file does not end with one. */
async function appendKnownHost(file: string, line: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const current = await readKnownHosts(file);
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  await appendFile(file, `${separator}${line}\n`, { mode: 0o600 });
}
