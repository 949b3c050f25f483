import assert from 'node:assert/strict';
import type { CommandOutput } from '../../src/exec/index.js';
import { chooseServiceManager, Systemd, systemdRuns } from '../../src/services/index.js';

function fakeSystemctl(states: Record<string, boolean>, failing: string[] = []) {
  const calls: string[] = [];
  const runner = async (command: string, args: readonly string[]): Promise<CommandOutput> => {
    calls.push([command, ...args].join(' '));
    const [action, name] = args as [string, string];
    if (action === 'is-active') {
      return {
        exitCode: states[name] ? 0 : 3,
        stdout: states[name] ? 'active\n' : 'inactive\n',
        stderr: '',
      };
    }
    if (failing.includes(name)) {
      return {
        exitCode: 1,
        stdout: '',
        stderr: `Job for ${name}.service failed.\nSee journalctl.\n`,
      };
    }
    if (action === 'start' || action === 'restart') states[name] = true;
    if (action === 'stop') states[name] = false;
    return { exitCode: 0, stdout: '', stderr: '' };
  };
  return { calls, runner };
}

describe('services/systemd', () => {
  it('runs systemctl <action> <unit>, then asks is-active', async () => {
    const { calls, runner } = fakeSystemctl({ opennebula: false });
    const systemd = new Systemd({ services: ['opennebula'], runner });
    assert.deepEqual(await systemd.run('start', 'opennebula'), {
      service: 'opennebula',
      action: 'start',
      active: true,
      manager: 'systemd',
    });
    assert.equal((await systemd.run('try-restart', 'opennebula')).active, true);
    assert.equal((await systemd.run('stop', 'opennebula')).active, false);
    assert.equal((await systemd.run('status', 'opennebula')).active, false);
    assert.deepEqual(calls, [
      'systemctl start opennebula',
      'systemctl is-active opennebula',
      'systemctl try-restart opennebula',
      'systemctl is-active opennebula',
      'systemctl stop opennebula',
      'systemctl is-active opennebula',
      'systemctl is-active opennebula',
    ]);
  });

  it('refuses services that are not configured, and reports failed actions', async () => {
    const { calls, runner } = fakeSystemctl({}, ['opennebula']);
    const systemd = new Systemd({ services: ['opennebula'], runner });
    await assert.rejects(systemd.run('stop', 'sshd'), {
      code: 'SERVICE_ACTION',
      where: { field: 'sshd' },
    });
    assert.deepEqual(calls, []);
    await assert.rejects(systemd.run('restart', 'opennebula'), (err: Error) => {
      assert.equal((err as { code?: string }).code, 'SERVICE_ACTION');
      assert.match(err.message, /Job for opennebula.service failed\.$/);
      return true;
    });
  });

  it('chooses systemd for auto only when it runs', async () => {
    assert.equal(await chooseServiceManager('auto', async () => true), 'systemd');
    assert.equal(await chooseServiceManager('auto', async () => false), 'supervisor');
    assert.equal(await chooseServiceManager('supervisor', async () => true), 'supervisor');
    assert.equal(await chooseServiceManager('systemd', async () => false), 'systemd');
    assert.equal(await systemdRuns('/nonexistent/run/systemd/system'), false);
    assert.equal(await systemdRuns('/'), true);
  });
});
