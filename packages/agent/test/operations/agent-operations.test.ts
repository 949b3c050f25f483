import assert from 'node:assert/strict';
import { resolvePaths } from '@onekit/core';
import { HostFiles } from '../../src/files/index.js';
import { AgentOperations, RequestProcessor } from '../../src/operations/index.js';
import type { RequestLogEntry } from '../../src/log/index.js';
import type { ServiceManager } from '../../src/services/index.js';

const paths = resolvePaths({ oneLocation: '/srv/one' });

function operations(services: Partial<ServiceManager> = {}) {
  return new AgentOperations({
    paths,
    files: new HostFiles({ roots: [paths.etc], now: () => new Date(0), uniqueSuffix: () => 'x' }),
    services: {
      kind: 'supervisor',
      shutdown: async () => undefined,
      run: async () => assert.fail(),
      ...services,
    },
    onedb: { onedb: { command: 'onedb', args: [] }, runner: async () => assert.fail() },
    versions: async () => ({ onekit: '0.1.0', os: { platform: 'linux', release: '6' } }),
  });
}

describe('operations/agent-operations', () => {
  it('answers paths from the layout', async () => {
    assert.deepEqual(await operations().perform({ op: 'paths', params: {} }), {
      etc: '/srv/one/etc',
      var: '/srv/one/var',
      log: '/srv/one/var',
      remotes: '/srv/one/var/remotes',
    });
  });

  it('turns a failure that is not a OneKitError into the code of its operation', async () => {
    const failing = operations({
      run: async () => {
        throw new Error('fork failed');
      },
    });
    await assert.rejects(
      failing.perform({ op: 'service', params: { action: 'start', name: 'x' } }),
      {
        code: 'SERVICE_ACTION',
        message: 'service failed: fork failed',
      },
    );
  });

  it('logs what a request touched, never its content', async () => {
    const logged: RequestLogEntry[] = [];
    let tick = 0;
    const processor = new RequestProcessor({
      operations: operations({
        run: async (action, name) => ({
          service: name,
          action,
          active: true,
          manager: 'supervisor',
        }),
      }),
      log: { write: (entry) => logged.push(entry), close: async () => undefined },
      clock: { now: () => new Date(0), monotonic: () => (tick += 5) },
    });
    const response = await processor.respond(
      JSON.stringify({ op: 'service', params: { action: 'restart', name: 'opennebula' } }),
      '127.0.0.1:1',
    );
    assert.equal(response.ok, true);
    await processor.respond(
      JSON.stringify({ op: 'write-file', params: { path: '/etc/passwd', content: 'c2VjcmV0' } }),
      '127.0.0.1:2',
    );
    assert.deepEqual(logged, [
      {
        time: new Date(0),
        peer: '127.0.0.1:1',
        op: 'service',
        service: 'opennebula',
        action: 'restart',
        outcome: 'ok',
        durationMs: 5,
      },
      {
        time: new Date(0),
        peer: '127.0.0.1:2',
        op: 'write-file',
        path: '/etc/passwd',
        outcome: 'PATH_REFUSED',
        durationMs: 5,
      },
    ]);
  });
});
