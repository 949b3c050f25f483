// Turns a session string into the Caller of a request, as oned's user pool does:
//   user:password        core driver, against the stored SHA-256 (or legacy SHA-1) digest;
//                        a SHA-1 match rewrites the stored digest as SHA-256
//   user:<login token>   a token from one.user.login, until it expires; a scoped token
//                        makes the caller act with that group only
//   serveradmin:<target>[:<egid>]:<cipher token>
//                        a server_cipher user acting as <target> (OneFlow, OneGate, ...)
// Disabled users, `public` users, unknown users and malformed sessions are refused with
// oned's AUTHENTICATION error; the reason goes to `onRefusal`, never to the client.
import {
  decodeServerToken,
  isOneKitError,
  oneErrorCodes,
  oneMessages,
  sha256Hex,
} from '@onekit/core';
import { OneApiError, type Caller } from '../api/method.js';
import { groupNameOf } from '../pools/group/group-reader.js';
import { isServerDriver } from '../pools/user/auth-drivers.js';
import type { WriteSection } from '../pools/user/identity-services.js';
import { nameProblem, USER_INVALID_NAME_CHARS } from '../pools/user/names.js';
import { readUserByName } from '../pools/user/user-reader.js';
import type { UserRecord } from '../pools/user/user-record.js';
import { updateUserOp } from '../pools/user/user-rows.js';
import type { StorageReader } from '../storage/index.js';
import type { Clock, Committer } from '../write-path/index.js';
import { CredentialCache, credentialFingerprint } from './credential-cache.js';
import { checkLoginToken, checkPassword } from './local-credentials.js';

export interface AuthenticatorOptions {
  readonly db: StorageReader;
  readonly committer: Committer;
  /** Epoch milliseconds. */
  readonly clock: Clock;
  /** The section the identity methods serialize their writes in. */
  readonly identityWrites: WriteSection;
  /** oned.conf SESSION_EXPIRATION_TIME in seconds (default 900; 0 turns the cache off). */
  readonly sessionExpirationSeconds?: number;
  /** Why a session was refused; the text never holds a secret. */
  readonly onRefusal?: (reason: string) => void;
  /** A legacy SHA-1 digest could not be rewritten (the session is accepted all the same). */
  readonly onUpgradeFailure?: (uid: number, error: unknown) => void;
}

class Refused extends Error {}

/** Target and group of a server session already accepted: `<target>[:<egid>]:<token>`. */
function acceptedServerClaim(secret: string): { target: string; egid: number } {
  const parts = secret.split(':');
  return { target: parts[0]!, egid: parts.length === 3 ? Number(parts[1]) : -1 };
}

const DEFAULT_SESSION_EXPIRATION_SECONDS = 900;

export class Authenticator {
  private readonly o: AuthenticatorOptions;
  private readonly cache: CredentialCache;
  /**
   * Users read by name, kept until an applied entry writes user_pool (`usersChanged`):
   * every call authenticates, and a database read per call would dominate reads.
   */
  private readonly users = new Map<string, UserRecord>();

  constructor(options: AuthenticatorOptions) {
    this.o = options;
    this.cache = new CredentialCache({
      clock: options.clock,
      ttlMs: 1000 * (options.sessionExpirationSeconds ?? DEFAULT_SESSION_EXPIRATION_SECONDS),
    });
  }

  /** The caller of `method`; throws OneApiError AUTHENTICATION when the session is refused. */
  async authenticate(session: string, method: string): Promise<Caller> {
    try {
      return await this.resolve(session);
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      this.o.onRefusal?.(err.message);
      throw new OneApiError(oneErrorCodes.AUTHENTICATION, oneMessages.authentication(method));
    }
  }

  /** An applied log entry wrote user_pool: read users again before trusting them. */
  usersChanged(): void {
    this.users.clear();
  }

  private async userNamed(name: string): Promise<UserRecord | undefined> {
    const cached = this.users.get(name);
    if (cached !== undefined) return cached;
    const user = await readUserByName(this.o.db, name);
    if (user !== undefined) this.users.set(name, user);
    return user;
  }

  private async resolve(session: string): Promise<Caller> {
    const colon = session.indexOf(':');
    if (colon < 0) throw new Refused('the session has no ":"');
    const username = session.slice(0, colon);
    const secret = session.slice(colon + 1);
    const invalid = nameProblem(username, USER_INVALID_NAME_CHARS);
    if (invalid) throw new Refused(`User is invalid, ${invalid}`);
    const user = await this.userNamed(username);
    if (user === undefined) throw new Refused(`User ${username} does not exist`);
    if (!user.enabled) throw new Refused(`User ${username} is disabled`);
    return isServerDriver(user.authDriver)
      ? this.serverSession(user, session, secret)
      : this.localSession(user, session, secret);
  }

  private async localSession(user: UserRecord, session: string, secret: string): Promise<Caller> {
    const token = checkLoginToken(user, secret, this.nowSeconds());
    if (token !== undefined) {
      if (!token.ok) throw new Refused(token.reason);
      return this.callerOf(user, token.via === 'login-token' ? token.egid : -1);
    }
    const fingerprint = credentialFingerprint(user);
    if (this.cache.has(session, user.id, fingerprint)) return this.callerOf(user, -1);
    const check = checkPassword(user, secret);
    if (!check.ok) throw new Refused(check.reason);
    if (check.via === 'password' && check.upgrade) {
      const upgraded = await this.upgradePassword(user, secret);
      this.cache.remember(session, user.id, credentialFingerprint(upgraded));
    } else {
      this.cache.remember(session, user.id, fingerprint);
    }
    return this.callerOf(user, -1);
  }

  private async serverSession(
    server: UserRecord,
    session: string,
    secret: string,
  ): Promise<Caller> {
    const fingerprint = credentialFingerprint(server);
    // A session accepted earlier is trusted until its token expires: no decryption again.
    const cached = this.cache.has(session, server.id, fingerprint);
    let claim: { target: string; egid: number; expiresMs: number };
    if (cached) {
      claim = { ...acceptedServerClaim(secret), expiresMs: Infinity };
    } else {
      try {
        const token = decodeServerToken({
          storedHash: server.password,
          serverUser: server.name,
          session,
          now: this.nowSeconds(),
        });
        claim = {
          target: token.targetUser,
          egid: token.egid ?? -1,
          expiresMs: token.expires * 1000,
        };
      } catch (err) {
        if (!isOneKitError(err)) throw err;
        throw new Refused(`Server token refused: ${err.message}`);
      }
    }
    const user = await this.userNamed(claim.target);
    if (user === undefined) {
      throw new Refused(`User: ${claim.target} does not exist. Returned by server auth`);
    }
    if (!user.enabled) throw new Refused(`User ${claim.target} is disabled`);
    if (claim.egid !== -1 && !user.groups.includes(claim.egid)) {
      throw new Refused(`Server token sets an EGID not in the group list of ${claim.target}`);
    }
    if (!cached) this.cache.remember(session, server.id, fingerprint, claim.expiresMs);
    return this.callerOf(user, claim.egid);
  }

  private async upgradePassword(user: UserRecord, secret: string): Promise<UserRecord> {
    const upgraded: UserRecord = { ...user, password: sha256Hex(secret), loginTokens: [] };
    try {
      await this.o.identityWrites.runFor([`user:${user.id}`], async () => {
        // Another write may have come first: only replace the digest that was checked.
        const current = await readUserByName(this.o.db, user.name);
        if (current?.id !== user.id || current.password !== user.password) return;
        const op = updateUserOp({ ...current, password: upgraded.password, loginTokens: [] });
        await this.o.committer.commit([op], { federated: true });
      });
    } catch (err) {
      this.o.onUpgradeFailure?.(user.id, err);
      return user;
    }
    return upgraded;
  }

  private async callerOf(user: UserRecord, egid: number): Promise<Caller> {
    if (egid === -1) {
      return {
        uid: user.id,
        name: user.name,
        gid: user.gid,
        gname: user.gname,
        groups: user.groups,
      };
    }
    const gname = (await groupNameOf(this.o.db, egid)) ?? '';
    return { uid: user.id, name: user.name, gid: egid, gname, groups: [egid], egid };
  }

  private nowSeconds(): number {
    return Math.floor(this.o.clock() / 1000);
  }
}
