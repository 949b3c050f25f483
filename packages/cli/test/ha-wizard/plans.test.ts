// The wizards' plans as data: which steps, in which order, on which host, with which undo,
// and which answers make them (a changed answer is a changed plan).
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { testIO } from '../../src/io/index.js';
import { planFingerprint, type Plan } from '../../src/plan/index.js';
import { scriptedPrompter } from '../../src/prompt/index.js';
import {
  haAddPlan,
  haRecoverPlan,
  haRemovePlan,
  type HaHost,
  type ZoneAccess,
} from '../../src/ha-wizard/index.js';
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
const zone = Object.assign(Object.create(untouched) as ZoneAccess, { zoneId: 0 });
const host = (label: string): HaHost => ({ label, transport: untouched as HostTransport });
const deps = {
  zone,
  waiting: { now: () => 0, sleep: async () => undefined, timeoutMs: 1000, intervalMs: 10 },
  clock: () => new Date(0),
  io: testIO(),
  prompter: scriptedPrompter({}),
  rng: () => 0.5,
  release: '7' as const,
};
const from = host('fe1');
const target = host('fe2');
const server = { name: 'fe2', rpc: 'http://fe2:2633/RPC2' };

const steps = (plan: Plan) =>
  plan.steps.map((s) => `${s.name}@${s.host}${s.undo ? ' (undo)' : ''}`);

describe('ha-wizard/plans', () => {
  it('ha-add: the HA procedure for one server, with undos where they exist', () => {
    const plan = haAddPlan({ deps, server, from, target, serversync: true, rerun: 'x' });
    assert.deepEqual(steps(plan), [
      'leader/backup-database@fe1',
      'new/copy-database@fe2',
      'new/copy-one-dir@fe2',
      'new/stop-daemon@fe2 (undo)',
      'new/restore-database@fe2',
      'zone/add-server@zone 0 (undo)',
      'new/set-server-id@fe2 (undo)',
      'new/start-daemon@fe2 (undo)',
      'zone/wait-caught-up@zone 0',
      'new/serversync@fe2',
    ]);
    assert.deepEqual(
      plan.checks.map((c) => c.name),
      [
        'reachability',
        'versions-equal',
        'quorum-healthy',
        'ports-free',
        'clocks-close',
        'free-disk',
      ],
    );
  });

  it('ha-add of a zone that is not HA yet registers its server first', () => {
    const plan = haAddPlan({
      deps,
      server,
      first: { name: 'fe1', rpc: 'http://fe1:2633/RPC2' },
      from,
      target,
      serversync: false,
      rerun: 'x',
    });
    assert.deepEqual(steps(plan).slice(0, 5), [
      'zone/add-first-server@zone 0 (undo)',
      'first/set-server-id@fe1 (undo)',
      'first/restart-daemon@fe1',
      'zone/wait-first-leader@zone 0',
      'leader/backup-database@fe1',
    ]);
    assert.equal(steps(plan).length, 13);
  });

  it('another answer makes another plan', () => {
    const base = { deps, from, target, serversync: true, rerun: 'x' };
    const a = planFingerprint(haAddPlan({ ...base, server }));
    assert.equal(a, planFingerprint(haAddPlan({ ...base, server })));
    assert.notEqual(
      a,
      planFingerprint(haAddPlan({ ...base, server: { ...server, rpc: 'http://x:1/RPC2' } })),
    );
    assert.notEqual(a, planFingerprint(haAddPlan({ ...base, server, target: host('fe3') })));
  });

  it('ha-remove: server-del while it runs, then stop and SERVER_ID -1', () => {
    const plan = haRemovePlan({ deps, serverId: 2, target, rerun: 'x' });
    assert.deepEqual(steps(plan), [
      'zone/del-server@zone 0',
      'old/stop-daemon@fe2 (undo)',
      'old/reset-server-id@fe2 (undo)',
      'zone/wait-healthy@zone 0',
    ]);
    assert.deepEqual(plan.answers, { zone: 0, server: 2, host: 'fe2' });
  });

  it("ha-recover: a fresh copy of the leader's database, then server-reset", () => {
    const plan = haRecoverPlan({ deps, serverId: 1, from, target, rerun: 'x' });
    assert.deepEqual(steps(plan), [
      'leader/backup-database@fe1',
      'follower/copy-database@fe2',
      'follower/backup-database@fe2',
      'follower/stop-daemon@fe2 (undo)',
      'follower/restore-database@fe2',
      'follower/start-daemon@fe2 (undo)',
      'zone/reset-server@zone 0',
      'zone/wait-caught-up@zone 0',
    ]);
  });
});
