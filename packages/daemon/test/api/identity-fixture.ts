// A real database (SQLite file or the scratch MariaDB) bootstrapped with oned's identity
// rows, and the services object the identity methods and the authenticator run on.
import assert from 'node:assert/strict';
import { OneApiError, type MethodCallContext } from '../../src/api/method.js';
import { Authenticator } from '../../src/authn/index.js';
import { Authorizer } from '../../src/authz/index.js';
import {
  identityBootstrap,
  type IdentityPool,
  type IdentityServices,
} from '../../src/pools/user/index.js';
import { openDatabase, SerialQueue, type Database, type WriteOp } from '../../src/storage/index.js';
import { LogStore, SoloCommitter } from '../../src/write-path/index.js';
import type { BackendFixture } from '../storage/backends.js';

export const T0 = 1_700_000_000_000;
export const ONEADMIN_PASSWORD = 'opennebula';
export const SERVERADMIN_SECRET = 'f'.repeat(64);

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
  const identityWrites = new SerialQueue();
  const authenticator = new Authenticator({ db, committer, clock, identityWrites });
  const services = {
    db,
    committer,
    clock,
    oids: new TestOids(db),
    authorizer: new Authorizer({ db, zoneId: 0 }),
    authenticator,
    identityWrites,
    randomSecret,
    zoneId: 0,
  };
  return {
    db,
    services,
    advance: (ms) => {
      now += ms;
    },
    now: () => now,
    close: () => db.close(),
  };
}

/** Calls a method handler as the RPC server would, as the user of `session`. */
export async function callAs<S extends IdentityFixture['services']>(
  services: S,
  session: string,
  spec: { name: string; handler: (call: MethodCallContext<S>) => Promise<unknown> },
  ...params: unknown[]
): Promise<unknown> {
  const caller = await services.authenticator.authenticate(session, spec.name);
  return spec.handler({ method: spec.name, caller, params, services });
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
