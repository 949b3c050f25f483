import assert from 'node:assert/strict';
import { defaultAgentConfig } from '@onekit/agent';
import { AgentRoot } from '../../../agent/test/support/agent-root.js';
import { execaCommandRunner, LocalTransport } from '../../src/transport/index.js';
import { describeHostTransportContract } from './contract.js';

describeHostTransportContract('local', (host) => LocalTransport.create({ env: host.env }));

describe('transport/local-transport', () => {
  let root: AgentRoot;
  before(async () => {
    root = await AgentRoot.create();
  });
  after(() => root.remove());

  it("applies the host's allowed roots to file operations", async () => {
    const local = await LocalTransport.create({ env: root.env });
    await assert.rejects(local.readFile('/etc/passwd'), {
      code: 'PATH_REFUSED',
      where: { file: '/etc/passwd' },
    });
    const traversal = `${root.paths.etc}/../var/.one/agent_token`;
    await assert.rejects(local.writeFile(traversal, Buffer.from('x')), {
      code: 'PATH_REFUSED',
      where: { file: traversal },
    });
  });

  it('uses systemd through its command runner when it runs', async () => {
    const calls: string[] = [];
    const local = await LocalTransport.create({
      env: root.env,
      config: { ...defaultAgentConfig(root.paths), serviceManager: 'auto' },
      detectSystemd: async () => true,
      runner: async (command, args) => {
        calls.push([command, ...args].join(' '));
        return { exitCode: 0, stdout: '', stderr: '' };
      },
    });
    assert.deepEqual(await local.service('try-restart', 'opennebula'), {
      service: 'opennebula',
      action: 'try-restart',
      active: true,
      manager: 'systemd',
    });
    assert.deepEqual(calls, ['systemctl try-restart opennebula', 'systemctl is-active opennebula']);
  });

  it('runs commands with execa: output, exit status, and a program that cannot start', async () => {
    const run = execaCommandRunner({ PATH: process.env.PATH, GREETING: 'hi' });
    assert.deepEqual(
      await run(process.execPath, [
        '-e',
        'console.log(process.env.GREETING); console.error("e"); process.exit(4)',
      ]),
      { exitCode: 4, stdout: 'hi', stderr: 'e' },
    );
    await assert.rejects(run('/nonexistent/onedb', []), {
      code: 'HOST_COMMAND',
      where: { field: '/nonexistent/onedb' },
    });
  });
});
