// The authorizer the method handlers ask: the pure ACL engine over the rule set read from
// the acl table, kept in memory and read again after a rule is added or deleted.
import type { Caller } from '../api/method.js';
import { readAclRules } from '../pools/acl/acl-reader.js';
import type { StorageReader } from '../storage/index.js';
import {
  AclRuleSet,
  authorizeChecks,
  type AccessCheck,
  type AuthorizationResult,
  type Requester,
} from './acl-evaluate.js';

/** What method handlers need from an authorizer. */
export interface AuthorizerPort {
  authorize(caller: Caller, checks: readonly AccessCheck[]): Promise<AuthorizationResult>;
  /** The rules as they are now (cached). */
  ruleSet(): Promise<AclRuleSet>;
  /** Rules were added or deleted: read them again before the next decision. */
  rulesChanged(): void;
}

export interface AuthorizerOptions {
  readonly db: StorageReader;
  /** The zone this server belongs to (ZONE_ID). */
  readonly zoneId: number;
}

/** The groups a caller acts with: only the token's group for a scoped login. */
export function requesterOf(caller: Caller): Requester {
  return { uid: caller.uid, groups: caller.egid === undefined ? caller.groups : [caller.egid] };
}

export class Authorizer implements AuthorizerPort {
  private readonly db: StorageReader;
  readonly zoneId: number;
  private rules: Promise<AclRuleSet> | undefined;

  constructor({ db, zoneId }: AuthorizerOptions) {
    this.db = db;
    this.zoneId = zoneId;
  }

  async authorize(caller: Caller, checks: readonly AccessCheck[]): Promise<AuthorizationResult> {
    return authorizeChecks(await this.ruleSet(), requesterOf(caller), checks, this.zoneId);
  }

  ruleSet(): Promise<AclRuleSet> {
    if (this.rules === undefined) {
      const loading = readAclRules(this.db).then((rules) => new AclRuleSet(rules));
      // A failed read is not kept: the next decision tries again.
      loading.catch(() => {
        if (this.rules === loading) this.rules = undefined;
      });
      this.rules = loading;
    }
    return this.rules;
  }

  rulesChanged(): void {
    this.rules = undefined;
  }
}
