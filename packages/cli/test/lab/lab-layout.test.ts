import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { joinedBy, labHosts, labWizardRuns, type LabSpec } from '../../src/lab/index.js';

const spec: LabSpec = { zones: 3, servers: 3, address: '127.0.10.1', port: 2633, agentPort: 2635 };

describe('lab/layout', () => {
  it('gives each host its own address, root and names', () => {
    const hosts = labHosts('/lab', spec);
    assert.equal(hosts.length, 9);
    assert.deepEqual(hosts[4], {
      name: 'z1-s1',
      zone: 1,
      server: 1,
      address: '127.0.10.5',
      location: '/lab/hosts/z1-s1',
      rpc: 'http://127.0.10.5:2633/RPC2',
      agent: '127.0.10.5:2635',
    });
    assert.equal(new Set(hosts.map((h) => h.address)).size, 9);
  });

  it('refuses an address that is not loopback or leaves no room for every host', () => {
    assert.throws(() => labHosts('/lab', { ...spec, address: '10.0.0.1' }), {
      code: 'FLAG_INVALID',
      where: { field: 'address' },
    });
    assert.throws(() => labHosts('/lab', { ...spec, address: '127.0.0.250' }), {
      code: 'FLAG_INVALID',
      where: { field: 'address' },
    });
  });

  it('runs fed-master, one fed-join, then ha-add for every further server', () => {
    const hosts = labHosts('/lab', spec);
    const runs = labWizardRuns(hosts, spec);
    assert.deepEqual(
      runs.map((r) => r.id),
      [
        'fed-master',
        'fed-join',
        'ha-add-z0-s1',
        'ha-add-z0-s2',
        'ha-add-z1-s1',
        'ha-add-z1-s2',
        'ha-add-z2-s1',
        'ha-add-z2-s2',
      ],
    );
    const join = runs[1]!.args;
    assert.deepEqual(
      join.filter((_, i) => join[i - 1] === '--name'),
      ['zone-1', 'zone-2'],
    );
    // Only the first ha-add of a zone registers the zone's first server.
    assert.ok(runs[2]!.args.includes('--first-name'));
    assert.ok(!runs[3]!.args.includes('--first-name'));
    assert.equal(runs[4]!.via.name, 'z1-s0');
    for (const host of hosts)
      assert.ok(
        runs.some((r) => r.id === joinedBy(host)),
        host.name,
      );
  });

  it('has no fed-join for a single zone', () => {
    const single = { ...spec, zones: 1, servers: 1 };
    assert.deepEqual(
      labWizardRuns(labHosts('/lab', single), single).map((r) => r.id),
      ['fed-master'],
    );
  });
});
