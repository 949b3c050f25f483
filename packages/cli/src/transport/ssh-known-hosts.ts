// known_hosts as OpenSSH reads it: one key per line after a list of host patterns (plain,
// with `*`/`?` wildcards and `!` negation, or hashed `|1|salt|hmac`), an optional
// `@revoked` or `@cert-authority` marker first. Hosts on a port other than 22 are named
// `[host]:port`. Pure: the text comes in, decisions come out.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Buffer } from 'node:buffer';

export interface KnownHostEntry {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly marker?: 'revoked' | 'cert-authority';
  /** The host field as written: a comma-separated pattern list or one hashed name. */
  readonly hosts: string;
  readonly keyType: string;
  /** The public key in SSH wire format (the decoded base64 field). */
  readonly key: Buffer;
}

export type HostKeyLookup =
  | { readonly status: 'known'; readonly line: number }
  | { readonly status: 'unknown' }
  /** The host is listed, but with other keys: `lines` are where they are. */
  | { readonly status: 'changed'; readonly lines: readonly number[] }
  | { readonly status: 'revoked'; readonly line: number };

const HASH_PREFIX = '|1|';

/** Reads every well-formed line; comments, blank and malformed lines are skipped as ssh does. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0]!.startsWith('#')) return;
    let marker: KnownHostEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    }
    const [hosts, keyType, base64] = fields;
    if (!hosts || !keyType || !base64 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) return;
    const key = Buffer.from(base64, 'base64');
    if (sshKeyType(key) !== keyType) return;
    entries.push({ line: index + 1, ...(marker && { marker }), hosts, keyType, key });
  });
  return entries;
}

/** The name a host has in known_hosts (lower case, as ssh writes it): `host` on port 22,
 * `[host]:port` elsewhere. */
export function knownHostName(host: string, port: number): string {
  const lower = host.toLowerCase();
  return port === 22 ? lower : `[${lower}]:${port}`;
}

/** Whether an entry's host field names `name` (as knownHostName gives it). */
export function entryMatchesHost(entry: KnownHostEntry, name: string): boolean {
  if (entry.hosts.startsWith(HASH_PREFIX)) return hashedNameMatches(entry.hosts, name);
  let matched = false;
  for (const pattern of entry.hosts.split(',')) {
    const negated = pattern.startsWith('!');
    if (!wildcardMatches(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`, as `ssh-keygen -H` writes it. */
export function hashKnownHostName(name: string, salt: Buffer): string {
  const mac = createHmac('sha1', salt).update(name).digest();
  return `${HASH_PREFIX}${salt.toString('base64')}|${mac.toString('base64')}`;
}

function hashedNameMatches(field: string, name: string): boolean {
  const [salt, mac] = field.slice(HASH_PREFIX.length).split('|');
  if (!salt || !mac) return false;
  const expected = Buffer.from(mac, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** OpenSSH's pattern syntax: `*` any run of characters, `?` one; host names ignore case. */
function wildcardMatches(pattern: string, name: string): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(name);
}

/**
 * What known_hosts says about `key` for `name`. A revoked key is refused whichever host it
 * is listed for; certificate authorities are not used.
 */
export function lookUpHostKey(
  entries: readonly KnownHostEntry[],
  name: string,
  key: Buffer,
): HostKeyLookup {
  const revoked = entries.find((e) => e.marker === 'revoked' && e.key.equals(key));
  if (revoked) return { status: 'revoked', line: revoked.line };
  const forHost = entries.filter((e) => e.marker === undefined && entryMatchesHost(e, name));
  const same = forHost.find((e) => e.key.equals(key));
  if (same) return { status: 'known', line: same.line };
  if (forHost.length === 0) return { status: 'unknown' };
  return { status: 'changed', lines: forHost.map((e) => e.line) };
}

/** The key types known_hosts holds for `name`, in file order, without repeats. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], name: string): string[] {
  const types = entries
    .filter((e) => e.marker === undefined && entryMatchesHost(e, name))
    .map((e) => e.keyType);
  return [...new Set(types)];
}

/** The line that records `key` for `name`. */
export function knownHostLine(name: string, key: Buffer): string {
  return `${name} ${sshKeyType(key)} ${key.toString('base64')}`;
}

/** `SHA256:<base64 without padding>`, as ssh and ssh-keygen print it. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The algorithm name a wire-format key starts with (`ssh-ed25519`, `ssh-rsa`, ...). */
export function sshKeyType(key: Buffer): string | undefined {
  if (key.length < 4) return undefined;
  const length = key.readUInt32BE(0);
  if (length === 0 || 4 + length > key.length) return undefined;
  return key.subarray(4, 4 + length).toString('latin1');
}
