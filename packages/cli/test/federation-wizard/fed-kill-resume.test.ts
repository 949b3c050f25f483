// Killing the federation wizards (SIGKILL, through the hidden --stop-after-step) after each
// of their steps in turn, and running the same command again: every run does one more
// step, no finished step runs twice, and the end state is the one an uninterrupted run
// leaves (fed-bootstrap.test.ts): a master, and a slave that follows its federation log.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'mocha';
import { WizardLab } from '../ha-wizard/wizard-lab.js';
import { eventually } from '../zone/ha-fixture.js';

describe('federation-wizard/kill and resume (processes)', function () {
  this.timeout(120_000);
  let lab: WizardLab;

  before(async () => {
    lab = await WizardLab.start({ hosts: 2 });
  });
  after(async () => {
    await lab?.close();
  });

  async function killAfterEachStep(o: {
    wizard: string;
    key: string;
    args: string[];
    steps: number;
  }): Promise<void> {
    for (let k = 1; k < o.steps; k++) {
      const killed = await lab.onezone([...o.args, '--stop-after-step', String(k)]);
      assert.equal(killed.status, null, `run ${k} was killed: ${killed.stderr}`);
      const record = lab.runRecord(o.wizard, o.key);
      assert.equal(record.state, 'running');
      assert.equal(record.done.length, k, `run ${k} recorded one more step`);
      assert.equal(
        killed.stderr.match(/: done$/gm)?.length,
        1,
        `run ${k} did exactly one step:\n${killed.stderr}`,
      );
    }
    const last = await lab.onezone(o.args);
    assert.equal(last.status, 0, last.stderr);
    assert.match(
      last.stderr,
      new RegExp(`Resuming run .*: ${o.steps - 1} of ${o.steps} steps done`),
    );
    assert.equal(lab.runRecord(o.wizard, o.key).state, 'complete');
  }

  const fedIndex = async (i: number): Promise<string> => {
    const xml = (await lab.hosts[i]!.rpc.value('one.zone.raftstatus', lab.session)) as string;
    return /<FEDLOG_INDEX>(\d+)</.exec(xml)![1]!;
  };

  it('fed-master, killed after each of its 4 steps', async () => {
    await killAfterEachStep({
      wizard: 'fed-master',
      key: 'zone-0',
      args: [
        'fed-master',
        '--rpc',
        lab.endpoint(0),
        '--master',
        lab.hosts[0]!.spec,
        ...lab.wizardFlags(),
      ],
      steps: 4,
    });
    assert.match(readFileSync(lab.hosts[0]!.root.paths.onedConf, 'utf8'), /MODE\s*=\s*"MASTER"/);
  });

  it('fed-join of one slave, killed after each of its 11 steps', async () => {
    await killAfterEachStep({
      wizard: 'fed-join',
      key: 'zones-zone-1',
      args: [
        'fed-join',
        '--name',
        'zone-1',
        '--rpc',
        lab.endpoint(1),
        '--host',
        lab.hosts[1]!.spec,
        '--master',
        lab.hosts[0]!.spec,
        ...lab.wizardFlags(),
      ],
      steps: 11,
    });
    const zones = (await lab.hosts[0]!.rpc.value('one.zonepool.info', lab.session)) as string;
    assert.equal(zones.match(/<ZONE>/g)?.length, 2, 'the zone was created once');
    assert.equal(
      (await lab.hosts[0]!.rpc.call('one.user.allocate', lab.session, 'carol', 'pw', '')).ok,
      true,
    );
    const want = await fedIndex(0);
    await eventually(`zone-1 reaches FEDLOG_INDEX ${want}`, async () =>
      (await fedIndex(1)) === want ? true : undefined,
    );
    const users = (await lab.hosts[1]!.rpc.value('one.userpool.info', lab.session)) as string;
    assert.ok(users.includes('carol'));
  });
});
