// The federation wizards' plans as data: which steps, in which order, on which host, with
// which undo, and which answers make them.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { planFingerprint, type Plan } from '../../src/plan/index.js';
import type { HaHost } from '../../src/ha-wizard/index.js';
import {
  fedJoinPlan,
  fedMasterPlan,
  type FederationAccess,
} from '../../src/federation-wizard/index.js';
import type { HostTransport } from '../../src/transport/index.js';

// Building a plan calls nothing: these stand-ins throw if anything is called.
const untouched = new Proxy(
  {},
  {
    get: (_t, key) => {
      if (key === 'then') return undefined;
      throw new Error(`called ${String(key)} while building a plan`);
    },
  },
);
const federation = Object.assign(Object.create(untouched) as FederationAccess, {
  endpoint: 'http://m:2633/RPC2',
});
const host = (label: string): HaHost => ({ label, transport: untouched as HostTransport });
const deps = {
  federation,
  waiting: { now: () => 0, sleep: async () => undefined, timeoutMs: 1000, intervalMs: 10 },
  clock: () => new Date(0),
};
const master = host('m');
const slave = (name: string) => ({ name, rpc: `http://${name}:2633/RPC2`, host: host(name) });

const steps = (plan: Plan) =>
  plan.steps.map((s) => `${s.name}@${s.host}${s.undo ? ' (undo)' : ''}`);

describe('federation-wizard/plans', () => {
  it('fed-master: endpoint, MODE MASTER, restart, wait', () => {
    const plan = fedMasterPlan({ deps, rpc: 'http://m:2633/RPC2', master, rerun: 'x' });
    assert.deepEqual(steps(plan), [
      'master/set-endpoint@master http://m:2633/RPC2 (undo)',
      'master/set-mode@m (undo)',
      'master/restart-daemon@m',
      'master/wait-answering@master http://m:2633/RPC2',
    ]);
    assert.deepEqual(
      plan.checks.map((c) => c.name),
      ['reachability', 'versions-equal', 'fed-index', 'free-disk'],
    );
  });

  it("fed-join: the guide's step 2 for each slave in turn, gated on FEDLOG_INDEX", () => {
    const plan = fedJoinPlan({
      deps,
      master,
      masterOned: 'http://m:2633/RPC2',
      slaves: [slave('b'), slave('c')],
      rerun: 'x',
    });
    const forB = [
      'b/start-once@b (undo)',
      'b/wait-bootstrapped@b',
      'b/stop-daemon@b (undo)',
      'b/create-zone@master http://m:2633/RPC2 (undo)',
      'b/backup-federated@m',
      'b/copy-backup@b',
      'b/copy-credentials@b',
      'b/restore-federated@b',
      'b/set-slave-mode@b (undo)',
      'b/start-daemon@b (undo)',
      'b/wait-fed-index@master http://m:2633/RPC2',
    ];
    assert.deepEqual(steps(plan), [...forB, ...forB.map((s) => s.replace(/\bb\b/g, 'c'))]);
    assert.deepEqual(
      plan.checks.map((c) => c.name),
      ['reachability', 'versions-equal', 'ports-free', 'ports-free', 'fed-index', 'free-disk'],
    );
    assert.equal(plan.key, 'zones-b+c');
  });

  it('another slave, or another MASTER_ONED, makes another plan', () => {
    const base = { deps, master, masterOned: 'http://m:2633/RPC2', rerun: 'x' };
    const one = planFingerprint(fedJoinPlan({ ...base, slaves: [slave('b')] }));
    assert.notEqual(one, planFingerprint(fedJoinPlan({ ...base, slaves: [slave('c')] })));
    assert.notEqual(
      one,
      planFingerprint(
        fedJoinPlan({ ...base, masterOned: 'http://n:2633/RPC2', slaves: [slave('b')] }),
      ),
    );
  });

  it('refuses a zone named twice', () => {
    assert.throws(
      () =>
        fedJoinPlan({
          deps,
          master,
          masterOned: 'http://m:2633/RPC2',
          slaves: [slave('b'), slave('b')],
          rerun: 'x',
        }),
      { code: 'FLAG_INVALID', where: { field: 'name' } },
    );
  });
});
