// `onezone upgrade-apply` killed (SIGKILL, through the hidden --stop-after-step) after each
// of its steps in turn, and run again: each run does one more step, even when every daemon
// of a zone is stopped (the plan comes from the run record then), and the end state is the
// one an uninterrupted run leaves.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { LOCAL_DB_VERSION, SHARED_DB_VERSION } from '../../../daemon/src/version/index.js';
import { UpgradeLab } from './upgrade-lab.js';

const users = ['made-on-slave', 'carol'];

describe('upgrade-wizard/kill and resume (processes)', function () {
  this.timeout(150_000);
  let lab: UpgradeLab;

  before(async () => {
    lab = await UpgradeLab.start({ users });
  });
  after(async () => {
    await lab?.close();
  });

  it('rolling upgrade of a master and a slave zone, killed after each of its 11 steps', async () => {
    const args = ['upgrade-apply', ...lab.hostFlags(), '--yes'];
    const steps = 11;
    for (let k = 1; k < steps; k++) {
      const killed = await lab.onezone([...args, '--stop-after-step', String(k)]);
      assert.equal(killed.status, null, `run ${k} was killed: ${killed.stderr}`);
      const record = lab.runRecord();
      assert.equal(record.state, 'running');
      assert.equal(record.done.length, k, `run ${k} recorded one more step`);
      if (k > 1) {
        assert.match(killed.stderr, new RegExp(`Resuming run .*: ${k - 1} of ${steps} steps done`));
      }
      assert.equal(killed.stderr.match(/: done$/gm)?.length, 1, `run ${k}:\n${killed.stderr}`);
    }
    const last = await lab.onezone(args);
    assert.equal(last.status, 0, last.stderr);
    assert.match(last.stderr, new RegExp(`Resuming run .*: ${steps - 1} of ${steps} steps done`));
    assert.equal(lab.runRecord().state, 'complete');
    for (const i of [0, 1]) assert.deepEqual(lab.schema(i), [SHARED_DB_VERSION, LOCAL_DB_VERSION]);
    await lab.waitInSync(users);
  });
});
