// What an imported zone's users and groups become on the master, decided before anything
// is created: names never collide unless merged, and bad passwords are found first.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import {
  importedMemberships,
  importProblems,
  planMapping,
  resolvedObjects,
} from '../../src/federation-wizard/import-mapping.js';

const user = (id: number, name: string, password = 'a'.repeat(64), authDriver = 'core') =>
  ({ id, name, password, authDriver }) as never;

describe('federation-wizard/import-mapping', () => {
  it('renames a taken name, merges on request, keeps system objects', () => {
    const existing = {
      users: [user(0, 'oneadmin'), user(1, 'serveradmin'), user(2, 'alice'), user(3, 'bob')],
      groups: [
        { id: 0, name: 'oneadmin' },
        { id: 1, name: 'users' },
        { id: 100, name: 'devs' },
      ] as never[],
    };
    const master = {
      users: [
        { id: 0, name: 'oneadmin' },
        { id: 1, name: 'serveradmin' },
        { id: 2, name: 'alice' },
      ],
      groups: [
        { id: 0, name: 'oneadmin' },
        { id: 1, name: 'users' },
        { id: 100, name: 'devs' },
      ],
    };
    const renamed = planMapping({ existing, master, mergeUsers: false, mergeGroups: true });
    assert.deepEqual(
      renamed.users.map((u) => [u.slaveId, u.name, u.action, u.id]),
      [
        [0, 'oneadmin', 'system', 0],
        [1, 'serveradmin', 'system', 1],
        [2, 'alice-1', 'renamed', -1],
        [3, 'bob', 'new', -1],
      ],
    );
    assert.deepEqual(renamed.groups[2], {
      slaveId: 100,
      slaveName: 'devs',
      name: 'devs',
      action: 'merged',
      id: 100,
    });
    const merged = planMapping({ existing, master, mergeUsers: true, mergeGroups: false });
    assert.deepEqual(merged.users[2], {
      slaveId: 2,
      slaveName: 'alice',
      name: 'alice',
      action: 'merged',
      id: 2,
    });
    assert.deepEqual(
      resolvedObjects(renamed.users, { '2': 7, '3': 8 }).map((u) => u.id),
      [0, 1, 7, 8],
    );
  });

  it('finds core users whose password is not a stored digest', () => {
    const existing = {
      users: [user(0, 'oneadmin'), user(2, 'eve', 'clear'), user(3, 'ldapuser', 'cn=x', 'ldap')],
      groups: [],
    };
    const mapping = planMapping({
      existing,
      master: { users: [{ id: 0, name: 'oneadmin' }], groups: [] },
      mergeUsers: false,
      mergeGroups: false,
    });
    assert.deepEqual(importProblems(existing, mapping).length, 1);
    assert.match(importProblems(existing, mapping)[0]!, /user 2 eve/);
  });

  it('never plans a name the master or another import already has, unless merged (property)', () => {
    const name = fc.constantFrom<string>('a', 'b', 'c', 'a-1', 'b-1');
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { maxLength: 5 }),
        fc.uniqueArray(name, { maxLength: 5 }),
        fc.boolean(),
        (masterNames, zoneNames, merge) => {
          const mapping = planMapping({
            existing: { users: zoneNames.map((n, i) => user(10 + i, n)), groups: [] },
            master: { users: masterNames.map((n, i) => ({ id: 10 + i, name: n })), groups: [] },
            mergeUsers: merge,
            mergeGroups: false,
          });
          const created = mapping.users.filter((u) => u.action !== 'merged').map((u) => u.name);
          assert.equal(new Set(created).size, created.length);
          for (const n of created) assert.ok(!masterNames.includes(n), n);
          for (const u of mapping.users.filter((x) => x.action === 'merged')) {
            assert.ok(merge && masterNames.includes(u.name));
          }
        },
      ),
    );
  });

  it('gives merged users their zone groups and groups their zone administrators, mapped', () => {
    const member = (id: number, name: string, gid: number, groups: number[]) =>
      ({ id, name, gid, groups }) as never;
    const group = (id: number, name: string, admins: number[]) => ({ id, name, admins }) as never;
    const existing = {
      // alice (merged) was in devs and ops; bob (new) administered devs; oneadmin users.
      users: [
        member(0, 'oneadmin', 0, [0]),
        member(2, 'alice', 100, [1, 100, 101]),
        member(3, 'bob', 1, [1, 100]),
      ],
      groups: [
        group(0, 'oneadmin', []),
        group(1, 'users', [3]),
        group(100, 'devs', [3, 0]),
        group(101, 'ops', [2]),
      ],
    };
    const object = (slaveId: number, id: number, action: string) =>
      ({ slaveId, slaveName: '', name: '', id, action }) as never;
    const mapped = {
      users: [object(0, 0, 'system'), object(2, 7, 'merged'), object(3, 8, 'new')],
      groups: [
        object(0, 0, 'system'),
        object(1, 1, 'system'),
        object(100, 120, 'new'),
        object(101, 100, 'merged'),
      ],
    };
    assert.deepEqual(importedMemberships(existing, mapped), {
      groups: [
        { uid: 7, gid: 1 },
        { uid: 7, gid: 120 },
        { uid: 7, gid: 100 },
      ],
      // The system group users keeps the master's administrators.
      admins: [
        { uid: 8, gid: 120 },
        { uid: 0, gid: 120 },
        { uid: 7, gid: 100 },
      ],
    });
  });
});
