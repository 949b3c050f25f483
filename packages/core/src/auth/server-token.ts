// Server cipher tokens: how OneFlow, OneGate and econe act on behalf of a user. The
// service knows `serveradmin:<secret>`; oned stores the serveradmin PASSWORD = SHA-256 hex
// of that secret. Key = first 32 characters of that hex (as bytes), IV = first 16 of them,
// AES-256-CBC over `<serveruser>:<target>:<expires>`, base64 without newlines. The session
// string is `<serveruser>:<target>[:<egid>]:<base64>`.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { OneKitError } from '../errors/index.js';
import { sha256Hex } from './password-hash.js';

export const defaultServerUser = 'serveradmin';
/** A service asks for tokens valid this long... */
export const serverTokenLifetimeSeconds = 1800;
/** ...and asks again once the current one is this close to expiring. */
export const serverTokenRenewMarginSeconds = 300;

export interface EncodeServerTokenOptions {
  /** The secret from the service's credentials file (not its hash). */
  secret: string;
  targetUser: string;
  /** Expiry, seconds since the epoch. */
  expires: number;
  /** Effective group of a scoped session. */
  egid?: number;
  serverUser?: string;
}

export function encodeServerToken(options: EncodeServerTokenOptions): string {
  const { secret, targetUser, expires, egid } = options;
  const serverUser = options.serverUser ?? defaultServerUser;
  requireName(serverUser, 'serverUser');
  requireName(targetUser, 'targetUser');
  if (secret === '') invalid('the server secret is empty', 'secret');
  if (!Number.isSafeInteger(expires) || expires < 0)
    invalid('expires must be epoch seconds', 'expires');
  if (egid !== undefined && (!Number.isSafeInteger(egid) || egid < 0)) {
    invalid('egid must be a group id', 'egid');
  }
  const cipher = createCipheriv('aes-256-cbc', ...keyAndIv(sha256Hex(secret)));
  const plain = `${serverUser}:${targetUser}:${expires}`;
  const token = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
  return [serverUser, targetUser, ...(egid === undefined ? [] : [String(egid)]), token].join(':');
}

export interface DecodeServerTokenOptions {
  /** The serveradmin user's stored PASSWORD (SHA-256 hex of the secret). */
  storedHash: string;
  /** The server user's name, as stored. */
  serverUser: string;
  session: string;
  /** Seconds since the epoch. */
  now: number;
}

export interface ServerToken {
  targetUser: string;
  egid?: number;
  expires: number;
}

/**
 * Checks a server session as oned's server_cipher driver does, and one thing more: the
 * target user in the session must be the one sealed in the token, so a token cannot be
 * replayed for another user. Failures are AUTH_TOKEN errors whose `where.field` names the
 * part that failed: user, session, egid, token, targetUser or expires.
 */
export function decodeServerToken(options: DecodeServerTokenOptions): ServerToken {
  const { storedHash, serverUser, now } = options;
  const session = parseServerSession(options.session);
  if (session.user !== serverUser) invalid('the session is not for this server user', 'user');
  if (storedHash.length < 32) invalid('the server user has no usable password', 'storedHash');

  const plain = decrypt(session.token, storedHash);
  const fields = plain.split(':');
  if (fields.length < 3 || !/^\d+$/.test(fields.at(-1)!)) {
    invalid('the token cannot be decrypted with this key', 'token');
  }
  if (fields[0] !== serverUser) invalid('the token was issued for another server user', 'user');
  if (fields.slice(1, -1).join(':') !== session.targetUser) {
    invalid('the token was issued for another user', 'targetUser');
  }
  const expires = Number(fields.at(-1));
  if (now >= expires) invalid('the token has expired', 'expires');
  return {
    targetUser: session.targetUser,
    ...(session.egid === undefined ? {} : { egid: session.egid }),
    expires,
  };
}

/**
 * The expiry a service should request now: the current one while it is more than the
 * margin away, otherwise a fresh `now + lifetime`. Undefined `current` = no token yet.
 */
export function serverTokenExpiry(options: { now: number; current?: number }): number {
  const { now, current } = options;
  if (current !== undefined && now <= current - serverTokenRenewMarginSeconds) return current;
  return now + serverTokenLifetimeSeconds;
}

interface ServerSession {
  user: string;
  targetUser: string;
  egid?: number;
  token: string;
}

function parseServerSession(text: string): ServerSession {
  const [user = '', ...parts] = text.split(':');
  if (user === '' || parts.length < 2 || parts.length > 3 || parts[0] === '') {
    invalid('a server session must be <user>:<target>[:<egid>]:<token>', 'session');
  }
  const [targetUser, ...rest] = parts as [string, ...string[]];
  const token = rest.at(-1)!;
  if (rest.length === 2 && !/^\d+$/.test(rest[0]!)) invalid('the egid must be a group id', 'egid');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 !== 0) {
    invalid('the token is not base64', 'token');
  }
  return { user, targetUser, token, ...(rest.length === 2 ? { egid: Number(rest[0]) } : {}) };
}

function decrypt(token: string, storedHash: string): string {
  try {
    const decipher = createDecipheriv('aes-256-cbc', ...keyAndIv(storedHash));
    return Buffer.concat([decipher.update(token, 'base64'), decipher.final()]).toString('utf8');
  } catch (err) {
    throw new OneKitError(
      'AUTH_TOKEN',
      'the token cannot be decrypted with this key',
      { field: 'token' },
      { cause: err },
    );
  }
}

/** The key is the hex text itself (32 ASCII bytes), the IV its first 16 characters. */
function keyAndIv(hexHash: string): [Buffer, Buffer] {
  const key = Buffer.from(hexHash.slice(0, 32), 'utf8');
  if (key.length !== 32) invalid('the server key must be 32 bytes', 'storedHash');
  return [key, key.subarray(0, 16)];
}

function requireName(name: string, field: string): void {
  if (name === '' || name.includes(':'))
    invalid(`${field} must be non-empty and free of ":"`, field);
}

function invalid(message: string, field: string): never {
  throw new OneKitError('AUTH_TOKEN', message, { field });
}
