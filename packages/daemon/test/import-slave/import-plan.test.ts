import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { Template } from '@onekit/core';
import { newGroup, type GroupRecord } from '../../src/pools/group/index.js';
import type { UserRecord } from '../../src/pools/user/index.js';
import { planImport } from '../../src/import-slave/index.js';

const user = (id: number, name: string): UserRecord => ({
  id,
  name,
  gid: 1,
  gname: 'users',
  groups: [1],
  password: 'x',
  authDriver: 'core',
  enabled: true,
  loginTokens: [],
  template: new Template(),
});
const group = (id: number, name: string): GroupRecord => newGroup(id, name);

const masterUsers = [
  user(0, 'oneadmin'),
  user(1, 'serveradmin'),
  user(2, 'alice'),
  user(3, 'alice-1'),
];
const slaveUsers = [user(0, 'oneadmin'), user(1, 'serveradmin'), user(2, 'bob'), user(3, 'alice')];
const master = {
  users: masterUsers,
  groups: [group(0, 'oneadmin'), group(1, 'users'), group(100, 'dev')],
  lastUserId: 3,
  lastGroupId: 100,
};
const slave = {
  users: slaveUsers,
  groups: [group(0, 'oneadmin'), group(1, 'users'), group(100, 'dev')],
};

describe('import-slave/import-plan', () => {
  it('keeps the system objects, merges collisions when asked', () => {
    const plan = planImport({ master, slave, mergeUsers: true, mergeGroups: true });
    assert.deepEqual(
      plan.users.map((u) => [u.slaveId, u.id, u.name, u.action]),
      [
        [0, 0, 'oneadmin', 'system'],
        [1, 1, 'serveradmin', 'system'],
        [2, 4, 'bob', 'new'],
        [3, 2, 'alice', 'merged'],
      ],
    );
    assert.deepEqual(
      plan.groups.map((g) => [g.slaveId, g.id, g.action]),
      [
        [0, 0, 'system'],
        [1, 1, 'system'],
        [100, 100, 'merged'],
      ],
    );
    assert.deepEqual([plan.lastUserId, plan.lastGroupId], [4, 100]);
  });

  it('renames collisions name-1, name-2, ... when not merging', () => {
    const plan = planImport({ master, slave, mergeUsers: false, mergeGroups: false });
    assert.deepEqual(
      plan.users.slice(2).map((u) => [u.id, u.name, u.action]),
      [
        [4, 'bob', 'new'],
        [5, 'alice-2', 'renamed'],
      ],
    );
    assert.deepEqual(plan.groups[2], {
      slaveId: 100,
      slaveName: 'dev',
      id: 101,
      name: 'dev-1',
      action: 'renamed',
    });
  });

  it('gives every imported object a unique id and name beside the master ones', () => {
    const names = fc.constantFrom('a', 'b', 'c', 'a-1', 'b-1', 'd');
    const pool = fc.uniqueArray(names, { maxLength: 6 });
    fc.assert(
      fc.property(pool, pool, fc.boolean(), (m, s, merge) => {
        const mUsers = [
          user(0, 'oneadmin'),
          user(1, 'serveradmin'),
          ...m.map((n, i) => user(i + 2, n)),
        ];
        const sUsers = [
          user(0, 'oneadmin'),
          user(1, 'serveradmin'),
          ...s.map((n, i) => user(i + 2, n)),
        ];
        const plan = planImport({
          master: { ...master, users: mUsers, lastUserId: mUsers.length - 1 },
          slave: { users: sUsers, groups: [] },
          mergeUsers: merge,
          mergeGroups: merge,
        });
        const byId = new Map(mUsers.map((u) => [u.id, u.name]));
        for (const u of plan.users) {
          if (u.action === 'merged' || u.action === 'system') {
            assert.equal(byId.get(u.id), u.name);
            continue;
          }
          assert.ok(u.id > mUsers.length - 1);
          assert.equal(byId.has(u.id), false);
          byId.set(u.id, u.name);
        }
        assert.equal(new Set(byId.values()).size, byId.size, 'names repeat');
        assert.equal(plan.lastUserId, Math.max(...byId.keys()));
        if (!merge) assert.ok(plan.users.every((u) => u.action !== 'merged'));
      }),
    );
  });
});
