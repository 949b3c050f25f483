// The federation wizards over SSH (each host its own sshd, HOST:PORT, `onekit-agent once`
// in the sessions; no agent serves): host 0 becomes the master, then one fed-join makes
// hosts 1 and 2 slave zones. The join is killed (SIGKILL, the hidden --stop-after-step)
// after its first, a middle and its last-but-one step, and run again each time; the end
// is what an uninterrupted join leaves (fed-bootstrap.test.ts): each zone created once,
// both slaves following the master's federation log up to the same FEDLOG_INDEX.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'mocha';
import { WizardLab } from '../ha-wizard/wizard-lab.js';
import { eventually } from '../zone/ha-fixture.js';

const JOIN_STEPS = 22;
const JOIN_KEY = 'zones-zone-1-zone-2';

describe('federation-wizard/bootstrap over SSH (processes)', function () {
  this.timeout(150_000);
  let lab: WizardLab;

  before(async () => {
    lab = await WizardLab.start({ hosts: 3, transport: 'ssh' });
  });
  after(async () => {
    await lab?.close();
  });

  const fedIndex = async (i: number): Promise<string> => {
    const xml = (await lab.hosts[i]!.rpc.value('one.zone.raftstatus', lab.session)) as string;
    return /<FEDLOG_INDEX>(\d+)</.exec(xml)![1]!;
  };
  const joinArgs = (): string[] => [
    'fed-join',
    ...[1, 2].flatMap((i) => [
      '--name',
      `zone-${i}`,
      '--rpc',
      lab.endpoint(i),
      '--host',
      lab.hosts[i]!.spec,
    ]),
    '--master',
    lab.hosts[0]!.spec,
    ...lab.wizardFlags(),
  ];

  it('makes host 0 the master', async () => {
    const run = await lab.onezone([
      'fed-master',
      '--rpc',
      lab.endpoint(0),
      '--master',
      lab.hosts[0]!.spec,
      ...lab.wizardFlags(),
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(readFileSync(lab.hosts[0]!.root.paths.onedConf, 'utf8'), /MODE\s*=\s*"MASTER"/);
    assert.equal(lab.runRecord('fed-master').state, 'complete');
  });

  it(`joins two slave zones, killed after steps 1, ${JOIN_STEPS / 2} and ${JOIN_STEPS - 1} of ${JOIN_STEPS}`, async () => {
    let done = 0;
    for (const stop of [1, JOIN_STEPS / 2, JOIN_STEPS - 1]) {
      const killed = await lab.onezone([...joinArgs(), '--stop-after-step', String(stop)]);
      assert.equal(killed.status, null, `the run to step ${stop} was killed: ${killed.stderr}`);
      const record = lab.runRecord('fed-join', JOIN_KEY);
      assert.equal(record.state, 'running');
      assert.equal(record.done.length, stop);
      assert.equal(
        killed.stderr.match(/: done$/gm)?.length,
        stop - done,
        `no finished step ran twice:\n${killed.stderr}`,
      );
      done = stop;
    }
    const last = await lab.onezone(joinArgs());
    assert.equal(last.status, 0, last.stderr);
    assert.match(
      last.stderr,
      new RegExp(`Resuming run .*: ${JOIN_STEPS - 1} of ${JOIN_STEPS} steps done`),
    );
    assert.equal(last.stderr.match(/: done$/gm)?.length, 1, last.stderr);
    assert.equal(lab.runRecord('fed-join', JOIN_KEY).state, 'complete');

    for (const i of [1, 2]) {
      const conf = readFileSync(lab.hosts[i]!.root.paths.onedConf, 'utf8');
      assert.match(conf, /MODE\s*=\s*"SLAVE"/);
      assert.ok(conf.includes(`MASTER_ONED = "${lab.endpoint(0)}"`), conf);
    }
    const zones = (await lab.hosts[0]!.rpc.value('one.zonepool.info', lab.session)) as string;
    assert.deepEqual(
      [...zones.matchAll(/<NAME>(?:<!\[CDATA\[)?([^<\]]*)/g)].map((m) => m[1]),
      ['OpenNebula', 'zone-1', 'zone-2'],
      'each zone was created once',
    );
  });

  it('both slaves follow the master to the same FEDLOG_INDEX', async () => {
    for (const name of ['alice', 'bob']) {
      const made = await lab.hosts[0]!.rpc.call('one.user.allocate', lab.session, name, 'pw', '');
      assert.equal(made.ok, true);
    }
    const want = await fedIndex(0);
    for (const i of [1, 2]) {
      await eventually(`zone-${i} reaches FEDLOG_INDEX ${want}`, async () =>
        (await fedIndex(i)) === want ? true : undefined,
      );
      const xml = (await lab.hosts[i]!.rpc.value('one.userpool.info', lab.session)) as string;
      const users = [...xml.matchAll(/<NAME>(?:<!\[CDATA\[)?([^<\]]*)/g)].map((m) => m[1]);
      for (const name of ['alice', 'bob']) assert.ok(users.includes(name), users.join(','));
    }
  });
});
