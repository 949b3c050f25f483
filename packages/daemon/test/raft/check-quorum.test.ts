import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { TestCluster } from './cluster.js';

describe('raft/check-quorum', () => {
  it('a leader that hears from no majority for a whole check window steps down', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.elect(0);
    cluster.isolate(0);
    // The window under way heard from everyone (the election); the next one hears nothing.
    cluster.tick(0, 2 * cluster.config.electionTicks - 1);
    assert.equal(cluster.core(0).status().role, 'leader');
    cluster.tick(0);
    assert.deepEqual(
      [cluster.core(0).status().role, cluster.core(0).status().leader],
      ['follower', undefined],
    );
    const soft = cluster.readies.get(0)?.at(-1)?.softState;
    assert.deepEqual(soft, { role: 'follower', leader: undefined, term: 1, reconciling: false });
  });

  it('a leader that keeps hearing from a majority stays', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2] });
    cluster.elect(0);
    cluster.crash(2);
    for (let i = 0; i < 5 * cluster.config.electionTicks; i++) {
      cluster.tick(0);
      cluster.stabilize();
    }
    assert.equal(cluster.core(0).status().role, 'leader');
  });

  it('without checkQuorum an isolated leader stays leader', () => {
    const cluster = new TestCluster({ voters: [0, 1, 2], config: { checkQuorum: false } });
    cluster.elect(0);
    cluster.isolate(0);
    cluster.tick(0, 5 * cluster.config.electionTicks);
    assert.equal(cluster.core(0).status().role, 'leader');
  });
});
