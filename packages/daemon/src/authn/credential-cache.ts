// Recently accepted credentials, so that a busy client does not pay for a password hash
// or a token decryption on every call (oned keeps such a session per user for
// SESSION_EXPIRATION_TIME). Keys are digests of the whole session string, never the
// secret itself. An entry is only trusted while the user's stored credentials are the ones
// it was accepted against, so a change made anywhere (another server of the zone
// included) makes it stale.
import { sha256Hex } from '@onekit/core';
import type { Clock } from '../write-path/index.js';

interface Entry {
  readonly uid: number;
  readonly fingerprint: string;
  readonly expiresAt: number;
}

export interface CredentialCacheOptions {
  readonly clock: Clock;
  /** How long an accepted credential is trusted, in milliseconds (0 disables the cache). */
  readonly ttlMs: number;
  /** Most sessions remembered; the oldest is dropped first. */
  readonly maxEntries?: number;
}

type Credentials = { readonly authDriver: string; readonly password: string };

// Users are kept in memory between writes, so each record's fingerprint is computed once.
const fingerprints = new WeakMap<Credentials, string>();

/** What the cached check depended on: the user's driver and stored password. */
export function credentialFingerprint(user: Credentials): string {
  let fingerprint = fingerprints.get(user);
  if (fingerprint === undefined) {
    fingerprint = sha256Hex(`${user.authDriver}\0${user.password}`);
    fingerprints.set(user, fingerprint);
  }
  return fingerprint;
}

export class CredentialCache {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor({ clock, ttlMs, maxEntries = 4096 }: CredentialCacheOptions) {
    this.clock = clock;
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
  }

  /** Whether the session was accepted recently for this user with these credentials. */
  has(session: string, uid: number, fingerprint: string): boolean {
    const key = sha256Hex(session);
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    if (entry.uid !== uid || entry.fingerprint !== fingerprint || this.clock() >= entry.expiresAt) {
      this.entries.delete(key);
      return false;
    }
    return true;
  }

  /** Remembers an accepted session, at most until `notAfter` (epoch ms) when given. */
  remember(session: string, uid: number, fingerprint: string, notAfter = Infinity): void {
    if (this.ttlMs <= 0) return;
    const key = sha256Hex(session);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, {
      uid,
      fingerprint,
      expiresAt: Math.min(this.clock() + this.ttlMs, notAfter),
    });
  }

  get size(): number {
    return this.entries.size;
  }
}
