// A real database (SQLite file or the scratch MariaDB) bootstrapped with oned's identity
// rows, the services object the identity methods and the authenticator run on, and a way to
// call those methods by name as a given user.
import assert from 'node:assert/strict';
import { aclMethods } from '../../src/api/acl.js';
import { groupMethods } from '../../src/api/group.js';
import { OneApiError, type MethodSpec } from '../../src/api/method.js';
import { userMethods } from '../../src/api/user.js';
import { Authenticator } from '../../src/authn/index.js';
import { Authorizer } from '../../src/authz/index.js';
import {
  identityBootstrap,
  type IdentityPool,
  type IdentityServices,
} from '../../src/pools/user/index.js';
import {
  openDatabase,
  KeyedSections,
  type Database,
  type WriteOp,
} from '../../src/storage/index.js';
import { LogStore, SoloCommitter } from '../../src/write-path/index.js';
import { invalidateCachesOnApply } from '../../src/api/cache-invalidation.js';
import { TakenNames } from '../../src/pools/names/taken-names.js';
import type { BackendFixture } from '../storage/backends.js';

export const T0 = 1_700_000_000_000;
export const ONEADMIN_PASSWORD = 'opennebula';
export const SERVERADMIN_SECRET = 'f'.repeat(64);
/** The session of the bootstrapped oneadmin (default password). */
export const ADMIN = `oneadmin:${ONEADMIN_PASSWORD}`;

/** Every identity method: users, groups and ACL rules. */
export const identityMethods: readonly MethodSpec<IdentityServices>[] = [
  ...userMethods,
  ...groupMethods,
  ...aclMethods,
];

function identityMethod(name: string): MethodSpec<IdentityServices> {
  const found = identityMethods.find((s) => s.name === name);
  assert.ok(found, `no identity method ${name}`);
  return found;
}

/** Test oid allocation: the next id after pool_control's and after every id handed out. */
class TestOids {
  private readonly last = new Map<string, number>();
  constructor(private readonly db: Database) {}

  async next(pool: IdentityPool): Promise<{ oid: number; control: WriteOp }> {
    if (!this.last.has(pool)) {
      const [row] = await this.db.query('SELECT last_oid FROM pool_control WHERE tablename = ?', [
        pool,
      ]);
      this.last.set(pool, row ? Number(row.last_oid) : -1);
    }
    const oid = this.last.get(pool)! + 1;
    this.last.set(pool, oid);
    return {
      oid,
      control: {
        op: 'replace',
        table: 'pool_control',
        row: { tablename: pool, last_oid: BigInt(oid) },
      },
    };
  }
}

export interface IdentityFixture {
  readonly db: Database;
  readonly services: IdentityServices & { authenticator: Authenticator; authorizer: Authorizer };
  /** Calls the identity method named `method` as the user of `session`. */
  call(session: string, method: string, ...params: unknown[]): Promise<unknown>;
  /** Moves the fixture's clock. */
  advance(ms: number): void;
  now(): number;
  close(): Promise<void>;
}

export async function identityFixture(
  backend: BackendFixture,
  options: { oneadminPassword?: string } = {},
): Promise<IdentityFixture> {
  let now = T0;
  const clock = (): number => now;
  const db = await openDatabase(await backend.freshConfig());
  await db.createSchema();
  const log = await LogStore.open(db, { clock });
  const committer = new SoloCommitter({ log, federation: 'STANDALONE' });
  let secrets = 0;
  const randomSecret = (): string => (++secrets).toString(16).padStart(64, '0');
  const boot = identityBootstrap({
    oneadmin: { name: 'oneadmin', password: options.oneadminPassword ?? ONEADMIN_PASSWORD },
    serveradminSecret: SERVERADMIN_SECRET,
    randomSecret,
  });
  await committer.commit(boot.ops, { federated: true });
  const identityWrites = new KeyedSections();
  const authenticator = new Authenticator({ db, committer, clock, identityWrites });
  const authorizer = new Authorizer({ db, zoneId: 0 });
  const takenNames = new TakenNames(db);
  // As the daemon does: caches learn of writes from the log, not from each method.
  invalidateCachesOnApply(log, { authenticator, authorizer, names: takenNames });
  const services = {
    db,
    committer,
    clock,
    oids: new TestOids(db),
    takenNames,
    authorizer,
    authenticator,
    identityWrites,
    randomSecret,
    zoneId: 0,
  };
  return {
    db,
    services,
    // As the RPC server calls a handler: authenticate the session, then run the method.
    async call(session, method, ...params) {
      const spec = identityMethod(method);
      const caller = await authenticator.authenticate(session, spec.name);
      return spec.handler({ method: spec.name, caller, params, services });
    },
    advance: (ms) => {
      now += ms;
    },
    now: () => now,
    close: () => db.close(),
  };
}

/** Asserts the call fails with oned's error code and exact message (and resp_id when given). */
export async function assertOneError(
  call: Promise<unknown>,
  expected: { code: number; message: string; respId?: number },
): Promise<void> {
  await assert.rejects(call, (err: unknown) => {
    assert.ok(err instanceof OneApiError, String(err));
    assert.equal(err.message, expected.message);
    assert.equal(err.code, expected.code);
    if (expected.respId !== undefined) assert.equal(err.respId, expected.respId);
    return true;
  });
}
