// Killing a wizard (SIGKILL, through the hidden --stop-after-step) after each of its steps
// in turn, and running the same command again: every run does one more step, no finished
// step runs twice, and the end state is the one an uninterrupted run leaves.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { WizardLab } from './wizard-lab.js';

describe('ha-wizard/kill and resume (processes)', function () {
  this.timeout(120_000);
  let lab: WizardLab;

  before(async () => {
    lab = await WizardLab.start({ hosts: 2 });
  });
  after(async () => {
    await lab?.close();
  });

  /** Runs the command killed after each step, then to the end; checks each run did one step. */
  async function killAfterEachStep(wizard: string, args: string[], steps: number): Promise<string> {
    for (let k = 1; k < steps; k++) {
      const killed = await lab.onezone([...args, '--stop-after-step', String(k)]);
      assert.equal(killed.status, null, `run ${k} was killed: ${killed.stderr}`);
      const record = lab.runRecord(wizard);
      assert.equal(record.state, 'running');
      assert.equal(record.done.length, k, `run ${k} recorded one more step`);
      if (k > 1)
        assert.match(killed.stderr, new RegExp(`Resuming run .*: ${k - 1} of ${steps} steps done`));
      assert.equal(
        killed.stderr.match(/: done$/gm)?.length,
        1,
        `run ${k} did exactly one step:\n${killed.stderr}`,
      );
    }
    const last = await lab.onezone(args);
    assert.equal(last.status, 0, last.stderr);
    assert.match(last.stderr, new RegExp(`Resuming run .*: ${steps - 1} of ${steps} steps done`));
    assert.equal(last.stderr.match(/: done$/gm)?.length, 1, last.stderr);
    assert.equal(lab.runRecord(wizard).state, 'complete');
    return last.stdout;
  }

  it('ha-add of the first two servers, killed after each of its 14 steps', async () => {
    await killAfterEachStep(
      'ha-add',
      [
        'ha-add',
        '--zone',
        '0',
        '--first-name',
        'server-0',
        '--first-rpc',
        lab.endpoint(0),
        '--name',
        'server-1',
        '--rpc',
        lab.endpoint(1),
        '--host',
        lab.hosts[1]!.spec,
        '--from',
        lab.hosts[0]!.spec,
        ...lab.wizardFlags(),
      ],
      14,
    );
    // What an uninterrupted run leaves (ha-grow-shrink.test.ts): two voters, ids set.
    const leader = await lab.leaderProgress();
    assert.deepEqual(
      leader.VOTERS.map((v) => [v.ID, v.NAME]),
      [
        [0, 'server-0'],
        [1, 'server-1'],
      ],
    );
    assert.deepEqual(leader.LEARNERS, []);
    assert.deepEqual([lab.serverIdIn(0), lab.serverIdIn(1)], [0, 1]);
    const zone = (await lab.hosts[0]!.rpc.value('one.zone.info', lab.session, 0)) as string;
    assert.equal(zone.match(/<SERVER>/g)?.length, 2, 'each server was added once');
  });

  it('ha-remove, killed after each of its 4 steps', async () => {
    await killAfterEachStep(
      'ha-remove',
      [
        'ha-remove',
        '--zone',
        '0',
        '--server',
        '1',
        '--host',
        lab.hosts[1]!.spec,
        ...lab.wizardFlags(),
      ],
      4,
    );
    const leader = await lab.leaderProgress();
    assert.deepEqual(
      leader.VOTERS.map((v) => v.ID),
      [0],
    );
    assert.equal(lab.daemonRunning(1), false);
    assert.equal(lab.serverIdIn(1), -1);
  });
});
