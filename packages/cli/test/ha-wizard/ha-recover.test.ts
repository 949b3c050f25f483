// `onezone ha-recover` against real daemons and agents: a follower that was stopped while
// the leader purged the entries it lacks comes back through the wizard (fresh backup,
// restore, start, server-reset) and catches up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { eventually } from '../zone/ha-fixture.js';
import { WizardLab } from './wizard-lab.js';

describe('ha-wizard/recover a follower (processes)', function () {
  this.timeout(120_000);
  let lab: WizardLab;

  before(async () => {
    lab = await WizardLab.start({
      hosts: 3,
      conf: (c) => {
        c.raft.logRetention = 50;
        c.raft.logPurgeTimeoutSeconds = 1;
      },
    });
    const first = ['--first-name', 'server-0', '--first-rpc', lab.endpoint(0)];
    for (const i of [1, 2]) {
      const added = await lab.onezone([
        'ha-add',
        '--zone',
        '0',
        '--name',
        `server-${i}`,
        '--rpc',
        lab.endpoint(i),
        '--host',
        lab.hosts[i]!.spec,
        '--from',
        lab.hosts[0]!.spec,
        ...(i === 1 ? first : []),
        ...lab.wizardFlags(),
      ]);
      assert.equal(added.status, 0, added.stderr);
    }
  });
  after(async () => {
    await lab?.close();
  });

  it('brings back a follower outside the leader log window', async () => {
    const follower = (p: Awaited<ReturnType<WizardLab['leaderProgress']>>) =>
      p.FOLLOWERS.find((f) => f.ID === 2)!;
    await lab.stopDaemon(2);
    const leaderId = (await lab.leaderProgress()).SERVER_ID;
    for (let i = 0; i < 120; i++) {
      await lab.hosts[leaderId]!.rpc.value('onekit.zone.probe', lab.session);
    }
    await eventually('the leader purges what server 2 lacks', async () => {
      const p = await lab.leaderProgress();
      return p.FIRST_INDEX > follower(p).MATCH + 1n ? true : undefined;
    });
    await lab.startDaemon(2);
    await eventually('the leader finds server 2 outside its log', async () =>
      follower(await lab.leaderProgress()).REPLICATION === 'needs-reset' ? true : undefined,
    );

    const recovered = await lab.onezone([
      'ha-recover',
      '--zone',
      '0',
      '--server',
      'server-2',
      '--host',
      lab.hosts[2]!.spec,
      '--from',
      lab.hosts[leaderId]!.spec,
      ...lab.wizardFlags(),
    ]);
    assert.equal(recovered.status, 0, recovered.stderr);
    const p = await lab.leaderProgress();
    assert.equal(follower(p).REPLICATION, 'replicate');
    assert.ok(follower(p).MATCH >= p.FIRST_INDEX);
    assert.equal(lab.runRecord('ha-recover').state, 'complete');
    assert.match(recovered.stdout, /follower-db; restore: onedb restore -f /);
  });
});
