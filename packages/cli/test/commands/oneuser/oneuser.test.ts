import assert from 'node:assert/strict';
import { sha256Hex } from '@onekit/core';
import { startCliDaemon, type CliDaemon } from '../../process/daemon-fixture.js';

// `oneuser` as a process against a real daemon.

describe('commands/oneuser (processes)', function () {
  this.timeout(60_000);
  let d: CliDaemon;
  before(async () => {
    d = await startCliDaemon();
  });
  after(() => d?.stop());

  const oneuser = (args: string[], o: { env?: Record<string, string> } = {}) =>
    d.run('oneuser', args, o);
  const idOf = (stdout: string) => Number(/^ID: (\d+)\n$/.exec(stdout)![1]);

  it('lists the bootstrap users with OpenNebula columns and quota usage', async () => {
    const result = await oneuser(['list']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(
      result.stdout,
      '  ID NAME       ENAB GROUP    AUTH           VMS          MEMORY        CPU       PCI\n' +
        '   0 oneadmin   yes  oneadmin core             -               -          -         -\n' +
        '   1 serveradmi yes  oneadmin server_c   0 /   -     0M /      -  0.0 /   -   0 /   -\n',
    );
    const json = JSON.parse((await oneuser(['list', '--json'])).stdout);
    assert.deepEqual(
      json.USER_POOL.USER.map((u: { ID: number; NAME: string; GROUPS: { ID: number[] } }) => [
        u.ID,
        u.NAME,
        u.GROUPS.ID,
      ]),
      [
        [0, 'oneadmin', [0]],
        [1, 'serveradmin', [0]],
      ],
    );
  });

  it('creates users, changes password, group and driver, and deletes them', async () => {
    const alice = await oneuser(['create', 'alice', 'first-secret']);
    assert.equal(alice.status, 0, alice.stderr);
    const aliceId = idOf(alice.stdout);
    const bob = await oneuser([
      'create',
      'bob',
      'other',
      '--group',
      'oneadmin',
      '--driver',
      'core',
    ]);
    const bobId = idOf(bob.stdout);

    const shown = JSON.parse((await oneuser(['show', 'alice', '--json'])).stdout).USER;
    assert.deepEqual(
      [shown.ID, shown.GNAME, shown.AUTH_DRIVER, shown.ENABLED],
      [aliceId, 'users', 'core', 1],
    );
    assert.equal(shown.PASSWORD, sha256Hex('first-secret'));
    assert.equal(JSON.parse((await oneuser(['show', 'bob', '-j'])).stdout).USER.GNAME, 'oneadmin');

    // The new password is the one that authenticates alice.
    assert.deepEqual(await oneuser(['passwd', 'alice', 'second-secret', '-v']), {
      status: 0,
      stdout: `USER ${aliceId}: Password changed\n`,
      stderr: '',
    });
    const asAlice = await oneuser([
      'show',
      '--json',
      '--user',
      'alice',
      '--password',
      'second-secret',
    ]);
    assert.equal(asAlice.status, 0, asAlice.stderr);
    assert.equal(JSON.parse(asAlice.stdout).USER.NAME, 'alice');
    const oldPassword = await oneuser(['show', '--user', 'alice', '--password', 'first-secret']);
    assert.equal(oldPassword.status, 255);
    assert.match(oldPassword.stderr, /User couldn't be authenticated, aborting call\.\n$/);

    const chgrp = await oneuser(['chgrp', `alice,${bobId}`, 'users', '-v']);
    assert.equal(chgrp.stdout, `USER ${aliceId}: Group changed\nUSER ${bobId}: Group changed\n`);
    assert.equal(JSON.parse((await oneuser(['show', String(bobId), '-j'])).stdout).USER.GID, 1);

    const chauth = await oneuser(['chauth', 'bob', 'ldap', '-v']);
    assert.equal(chauth.stdout, `USER ${bobId}: Auth driver and password changed\n`);
    assert.equal(
      JSON.parse((await oneuser(['show', 'bob', '-j'])).stdout).USER.AUTH_DRIVER,
      'ldap',
    );

    const listed = await oneuser([
      'list',
      '--csv',
      '-l',
      'ID,NAME,GROUP,AUTH',
      '-f',
      'GROUP=users',
    ]);
    assert.equal(
      listed.stdout,
      `ID,NAME,GROUP,AUTH\n${aliceId},alice,users,core\n${bobId},bob,users,ldap\n`,
    );

    assert.deepEqual(await oneuser(['delete', `alice,bob`, '-v']), {
      status: 0,
      stdout: `USER ${aliceId}: deleted\nUSER ${bobId}: deleted\n`,
      stderr: '',
    });
    assert.deepEqual(await oneuser(['show', 'alice']), {
      status: 255,
      stdout: '',
      stderr: 'USER named alice not found.\n',
    });
  });

  it('adds users to a secondary group and removes them from it', async () => {
    const group = await d.run('onegroup', ['create', 'testers']);
    const gid = idOf(group.stdout);
    const dave = idOf((await oneuser(['create', 'dave', 'pw'])).stdout);
    const groups = async () =>
      JSON.parse((await oneuser(['show', 'dave', '-j'])).stdout).USER.GROUPS.ID;

    assert.deepEqual(await oneuser(['addgroup', 'dave', 'testers', '-v']), {
      status: 0,
      stdout: `USER ${dave}: group added\n`,
      stderr: '',
    });
    assert.deepEqual(await groups(), [1, gid]);
    const again = await oneuser(['addgroup', 'dave', String(gid)]);
    assert.equal(again.status, 255);
    assert.match(again.stderr, /User is already in this group/);
    const primary = await oneuser(['delgroup', 'dave', 'users']);
    assert.equal(primary.status, 255);
    assert.match(primary.stderr, /Cannot remove user from the primary group/);
    assert.deepEqual(await oneuser(['delgroup', 'dave', 'testers', '-v']), {
      status: 0,
      stdout: `USER ${dave}: group deleted\n`,
      stderr: '',
    });
    assert.deepEqual(await groups(), [1]);
  });

  it('shows the caller without an argument, in the upstream layout', async () => {
    const result = await oneuser(['show']);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], 'USER 0 INFORMATION'.padEnd(80));
    assert.equal(lines[1], 'ID              : 0                   ');
    assert.equal(lines[2], 'NAME            : oneadmin            ');
    assert.equal(lines[3], 'GROUP           : oneadmin            ');
    assert.match(lines[4]!, /^PASSWORD {8}: [0-9a-f]{64}$/);
    assert.deepEqual(lines.slice(5, 10), [
      'AUTH_DRIVER     : core                ',
      'ENABLED         : Yes                 ',
      '',
      'TOKENS'.padEnd(80),
      '',
    ]);
    assert.equal(lines[10], 'USER TEMPLATE'.padEnd(80));
    assert.match(lines[11]!, /^TOKEN_PASSWORD="[0-9a-f]{64}"$/);
  });

  it('reports refused calls as OpenNebula does, exit 255', async () => {
    const result = await oneuser(['delete', '0']);
    assert.equal(result.status, 255);
    assert.match(result.stderr, /^\[one\.user\.delete\] .+\n$/);
  });
});
