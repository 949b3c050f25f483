// The upgrade wizard as data: the steps of the rolling and the coordinated procedure (with
// an HA zone), the procedure a set of schema versions calls for, the readings the checks
// and the gate make of a survey, the --host mapping and the plan report.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { isOneKitError } from '@onekit/core';
import type { HaHost, ZoneAccess } from '../../src/ha-wizard/index.js';
import { planFingerprint, type Plan } from '../../src/plan/index.js';
import type { OneApi } from '../../src/rpc/index.js';
import type { HostTransport } from '../../src/transport/index.js';
import {
  fedIndexProblem,
  gateProblems,
  hostMapping,
  hostSpecFor,
  procedureFor,
  renderUpgradePlan,
  topologyAnswer,
  topologyOfAnswer,
  upgradeApplyPlan,
  upgradePlanReport,
  type FederationSurvey,
  type ServerSurvey,
  type UpgradeProcedure,
  type UpgradeTopology,
} from '../../src/upgrade-wizard/index.js';

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
const target = { onekit: '0.2.0', shared: '7.6.0', local: '7.6.1' };
const server = (id: number, name: string, host: string) => ({
  id,
  name,
  endpoint: `http://${host}:2633/RPC2`,
  host,
});
const soloFederation: UpgradeTopology = {
  zones: [
    {
      id: 0,
      name: 'master',
      endpoint: 'http://m:2633/RPC2',
      master: true,
      servers: [server(-1, 'master', 'm')],
    },
    {
      id: 100,
      name: 'slave',
      endpoint: 'http://s:2633/RPC2',
      master: false,
      servers: [server(-1, 'slave', 's')],
    },
  ],
};
/** An HA master zone (server 2 leads, so it is last) and a solo slave. */
const haFederation: UpgradeTopology = {
  zones: [
    {
      id: 0,
      name: 'master',
      endpoint: 'http://m0:2633/RPC2',
      master: true,
      servers: [server(0, 'fe0', 'm0'), server(1, 'fe1', 'm1'), server(2, 'fe2', 'm2')],
    },
    soloFederation.zones[1]!,
  ],
};

function plan(topology: UpgradeTopology, procedure: UpgradeProcedure): Plan {
  return upgradeApplyPlan({
    topology,
    procedure,
    target,
    host: (s): HaHost => ({ label: s.host, transport: untouched as HostTransport }),
    api: untouched as OneApi,
    zoneAccess: (zoneId) => Object.assign(Object.create(untouched) as ZoneAccess, { zoneId }),
    waiting: { now: () => 0, sleep: async () => undefined, timeoutMs: 1000, intervalMs: 10 },
    clock: () => new Date(0),
    checks: [],
    gateProblems: async () => [],
    rerun: 'onezone upgrade-apply --yes',
  });
}

const steps = (p: Plan) => p.steps.map((s) => `${s.name}@${s.host}${s.undo ? ' (undo)' : ''}`);

describe('upgrade-wizard/plans', () => {
  it('rolling: each zone in turn, master first, then the gate', () => {
    assert.deepEqual(steps(plan(soloFederation, 'rolling')), [
      'zone-0/stop-daemon@m (undo)',
      'zone-0/backup-database@m',
      'zone-0/upgrade-database@m',
      'zone-0/start-daemon@m (undo)',
      'zone-0/wait-healthy@zone 0',
      'zone-100/stop-daemon@s (undo)',
      'zone-100/backup-database@s',
      'zone-100/upgrade-database@s',
      'zone-100/start-daemon@s (undo)',
      'zone-100/wait-healthy@zone 100',
      'federation/gate@federation',
    ]);
  });

  it('coordinated with an HA master zone: the guide procedure, the upgraded database redistributed', () => {
    assert.deepEqual(steps(plan(haFederation, 'coordinated')), [
      'zone-100/disable@zone 100 (undo)',
      'zone-0/disable@zone 0 (undo)',
      'zone-100/stop-daemon@s (undo)',
      'zone-0/server-0/stop-daemon@m0 (undo)',
      'zone-0/server-1/stop-daemon@m1 (undo)',
      'zone-0/server-2/stop-daemon@m2 (undo)',
      'zone-0/server-0/backup-database@m0',
      'zone-0/server-1/backup-database@m1',
      'zone-0/server-2/backup-database@m2',
      'zone-100/backup-database@s',
      'zone-0/server-2/upgrade-database@m2',
      'zone-0/server-2/backup-upgraded@m2',
      'zone-0/server-0/copy-upgraded@m0',
      'zone-0/server-0/restore-upgraded@m0',
      'zone-0/server-1/copy-upgraded@m1',
      'zone-0/server-1/restore-upgraded@m1',
      'zone-0/federated-backup@m2',
      'zone-100/copy-federated@s',
      'zone-100/restore-federated@s',
      'zone-100/upgrade-database@s',
      'zone-0/server-2/start-daemon@m2 (undo)',
      'zone-0/server-1/start-daemon@m1 (undo)',
      'zone-0/server-0/start-daemon@m0 (undo)',
      'zone-0/reset-servers@zone 0',
      'zone-0/wait-healthy@zone 0',
      'zone-100/start-daemon@s (undo)',
      'zone-100/wait-healthy@zone 100',
      'zone-0/enable@zone 0 (undo)',
      'zone-100/enable@zone 100 (undo)',
      'federation/gate@federation',
    ]);
  });

  it('the answers hold the topology and the procedure: a resumed run rebuilds the same plan', () => {
    const p = plan(haFederation, 'rolling');
    const again = topologyOfAnswer(p.answers['topology'], 'record.json');
    assert.deepEqual(again, haFederation);
    assert.equal(planFingerprint(plan(again, 'rolling')), planFingerprint(p));
    assert.notEqual(planFingerprint(plan(again, 'coordinated')), planFingerprint(p));
    assert.equal(topologyAnswer(again), p.answers['topology']);
    assert.throws(
      () => topologyOfAnswer(undefined, 'record.json'),
      (err) => isOneKitError(err, 'CONFIG_INVALID') && err.where.file === 'record.json',
    );
  });

  it('procedure: coordinated exactly when some shared version differs, or when asked (property)', () => {
    const version = fc.constantFrom('7.4.0', '7.6.0', '7.8.0');
    const schema = fc.option(fc.record({ shared: version, local: version }), { nil: undefined });
    fc.assert(
      fc.property(fc.array(schema), fc.boolean(), (current, coordinated) => {
        const differs = current.some((s) => s?.shared !== target.shared);
        assert.equal(
          procedureFor(current, target, { coordinated }),
          coordinated || differs ? 'coordinated' : 'rolling',
        );
      }),
    );
  });
});

const surveyed = (zone: number, fedIndex: string, local = '7.6.1'): ServerSurvey => ({
  zone,
  server: server(-1, `z${zone}`, `h${zone}`),
  fedIndex,
  versions: {
    onekit: '0.2.0',
    schema: { shared: '7.6.0', local },
    os: { platform: 'linux', release: '6' },
  },
});

describe('upgrade-wizard/survey readings', () => {
  it('FED_INDEX: equal passes, a difference or a silent server is named', () => {
    assert.equal(fedIndexProblem([surveyed(0, '12'), surveyed(100, '12')]), undefined);
    assert.match(
      fedIndexProblem([surveyed(0, '12'), surveyed(100, '11')])!,
      /differs.*zone 100 z100 11/,
    );
    assert.match(
      fedIndexProblem([surveyed(0, '12'), surveyed(100, '-')])!,
      /no FED_INDEX from http:\/\/h100/,
    );
  });

  it('the gate: schemas at the target, healthy zones, FED_INDEX equal', () => {
    const zones = soloFederation.zones.map((zone) => ({ zone, problems: [] }));
    const done: FederationSurvey = { zones, servers: [surveyed(0, '5'), surveyed(100, '5')] };
    assert.deepEqual(gateProblems(done, target), []);
    const behind: FederationSurvey = {
      zones: [
        zones[0]!,
        { zone: zones[1]!.zone, problems: ['0 servers answer as leader, not one'] },
      ],
      servers: [surveyed(0, '6'), surveyed(100, '5', '7.6.0')],
    };
    const problems = gateProblems(behind, target);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems[0]!, /^h100: schema shared 7\.6\.0, local 7\.6\.0/);
    assert.match(problems[1]!, /^zone 100: 0 servers answer as leader/);
    assert.match(problems[2]!, /FED_INDEX differs/);
  });
});

describe('upgrade-wizard/hosts', () => {
  it('--host maps a server by host name, host:port or endpoint; else its host name', () => {
    const mapping = hostMapping(['a=agent-a:2700', 'b:2633=/roots/b', 'http://c:9/RPC2=c2']);
    assert.equal(hostSpecFor('http://a:2633/RPC2', mapping), 'agent-a:2700');
    assert.equal(hostSpecFor('http://b:2633/RPC2', mapping), '/roots/b');
    assert.equal(hostSpecFor('http://b:2634/RPC2', mapping), 'b');
    assert.equal(hostSpecFor('http://c:9/RPC2', mapping), 'c2');
    assert.equal(hostSpecFor('http://d:2633/RPC2', mapping), 'd');
    for (const bad of ['nothing', '=x', 'x=']) {
      assert.throws(
        () => hostMapping([bad]),
        (err) => isOneKitError(err, 'FLAG_INVALID') && err.where.field === 'host',
      );
    }
  });
});

describe('upgrade-wizard/plan report', () => {
  it('shows each server against the target, the steps and the apply command', () => {
    const survey: FederationSurvey = {
      zones: soloFederation.zones.map((zone) => ({ zone, problems: [] })),
      servers: [surveyed(0, '5', '7.6.0'), surveyed(100, '5', '7.6.0')],
    };
    const p = plan(soloFederation, 'rolling');
    const report = upgradePlanReport({
      survey,
      target,
      procedure: 'rolling',
      plan: p,
      apply: p.rerun,
    });
    assert.equal(report.upgradeNeeded, true);
    assert.equal(report.sharedChanges, false);
    assert.deepEqual(
      report.zones.map((z) => z.servers.map((s) => s.upgrade)),
      [[true], [true]],
    );
    const text = renderUpgradePlan(report);
    assert.match(text, /Federated schema changes: no/);
    assert.match(text, /^0\* +z0 +h0 +0\.2\.0 +7\.6\.0 +7\.6\.0 +5 +-> 7\.6\.0\/7\.6\.1$/m);
    assert.match(text, / 1\. Stop opennebula \[zone-0\/stop-daemon\] on m$/m);
    assert.match(text, /To upgrade, run:\n {2}onezone upgrade-apply --yes\n$/);

    const upToDate = upgradePlanReport({
      survey: { ...survey, servers: [surveyed(0, '5'), surveyed(100, '5')] },
      target,
      procedure: 'rolling',
      plan: p,
      apply: p.rerun,
    });
    assert.equal(upToDate.upgradeNeeded, false);
    assert.match(renderUpgradePlan(upToDate), /nothing to upgrade\.\n$/);
  });
});
