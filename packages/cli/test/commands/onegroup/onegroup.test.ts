import assert from 'node:assert/strict';
import { startCliDaemon, type CliDaemon } from '../../process/daemon-fixture.js';

// `onegroup` as a process against a real daemon.

describe('commands/onegroup (processes)', function () {
  this.timeout(60_000);
  let d: CliDaemon;
  before(async () => {
    d = await startCliDaemon();
  });
  after(() => d?.stop());

  const onegroup = (args: string[]) => d.run('onegroup', args);

  it('lists the bootstrap groups with OpenNebula columns', async () => {
    const result = await onegroup(['list']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(
      result.stdout,
      '  ID NAME            USERS       VMS          MEMORY         CPU       PCI\n' +
        '   0 oneadmin            2         -               -           -         -\n' +
        '   1 users               0   0 /   -     0M /      -   0.0 /   -   0 /   -\n',
    );
  });

  it('creates a group with the ACL rule that lets its members create resources, and deletes it', async () => {
    const created = await onegroup(['create', 'devs']);
    assert.equal(created.status, 0, created.stderr);
    const id = Number(/^ID: (\d+)\n$/.exec(created.stdout)![1]);
    const acls = await d.run('oneacl', ['list', '--csv', '-l', 'STRING', '--no-header']);
    assert.match(
      acls.stdout,
      new RegExp(
        `^@${id} VM\\+IMAGE\\+TEMPLATE\\+DOCUMENT\\+SECGROUP\\+VROUTER\\+VMGROUP\\+BACKUPJOB/\\* CREATE #0$`,
        'm',
      ),
    );

    const show = await onegroup(['show', 'devs']);
    assert.equal(
      show.stdout,
      `GROUP ${id} INFORMATION`.padEnd(80) +
        '\n' +
        `ID             : ${String(id).padEnd(20)}\n` +
        'NAME           : devs                \n' +
        '\n' +
        'GROUP TEMPLATE'.padEnd(80) +
        '\n\n\nUSER ID ADMIN\n',
    );
    assert.deepEqual(
      JSON.parse((await onegroup(['show', String(id), '--json'])).stdout).GROUP.USERS,
      {
        ID: [],
      },
    );

    assert.deepEqual(await onegroup(['delete', 'devs', '-v']), {
      status: 0,
      stdout: `GROUP ${id}: deleted\n`,
      stderr: '',
    });
    assert.equal((await onegroup(['show', String(id)])).status, 255);
  });

  it('adds and removes group administrators, each group tried in turn', async () => {
    const ops = Number(/^ID: (\d+)\n$/.exec((await onegroup(['create', 'ops'])).stdout)![1]);
    const qa = Number(/^ID: (\d+)\n$/.exec((await onegroup(['create', 'qa'])).stdout)![1]);
    const carol = await d.run('oneuser', ['create', 'carol', 'pw', '--group', 'ops']);
    const uid = Number(/^ID: (\d+)\n$/.exec(carol.stdout)![1]);
    const admins = async (group: string) =>
      JSON.parse((await onegroup(['show', group, '--json'])).stdout).GROUP.ADMINS.ID;

    // carol is no member of qa: that group fails, ops still gets its administrator.
    const added = await onegroup(['addadmin', `ops,qa`, 'carol', '-v']);
    assert.equal(added.status, 255);
    assert.equal(added.stdout, `GROUP ${ops}: admin added\n`);
    assert.match(
      added.stderr,
      new RegExp(`Cannot edit group\\. User ${uid} is not part of Group ${qa}\\.`),
    );
    assert.deepEqual(await admins('ops'), [uid]);
    const acls = await d.run('oneacl', ['list', '--csv', '-l', 'STRING', '--no-header']);
    assert.match(acls.stdout, new RegExp(`^#${uid} GROUP/#${ops} MANAGE \\*$`, 'm'));

    assert.deepEqual(await onegroup(['deladmin', 'ops', String(uid), '-v']), {
      status: 0,
      stdout: `GROUP ${ops}: admin deleted\n`,
      stderr: '',
    });
    assert.deepEqual(await admins('ops'), []);
  });

  it('refuses to create a group whose name is taken, exit 255', async () => {
    const result = await onegroup(['create', 'users']);
    assert.equal(result.status, 255);
    assert.match(result.stderr, /^\[one\.group\.allocate\] .+\n$/);
  });
});
