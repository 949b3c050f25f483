import assert from 'node:assert/strict';
import { userOneDir, userOneFiles } from '../../src/paths/index.js';

describe('paths/user-one-dir', () => {
  it('puts the user files in <home>/.one', () => {
    assert.equal(userOneDir('/home/ana'), '/home/ana/.one');
    assert.deepEqual(userOneFiles('/home/ana/'), {
      dir: '/home/ana/.one',
      oneAuth: '/home/ana/.one/one_auth',
      oneEndpoint: '/home/ana/.one/one_endpoint',
      oneflowEndpoint: '/home/ana/.one/oneflow_endpoint',
    });
  });
});
