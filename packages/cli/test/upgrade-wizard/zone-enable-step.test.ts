import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { StepContext } from '../../src/plan/index.js';
import type { OneApi } from '../../src/rpc/index.js';
import { zoneEnableStep } from '../../src/upgrade-wizard/upgrade-steps.js';

// The check of a zone enable waits for the new state: the server it reads from may apply
// the change a moment after the leader answered.

const zoneXml = (state: number) =>
  `<ZONE><ID>0</ID><NAME>OpenNebula</NAME><STATE>${state}</STATE><TEMPLATE><ENDPOINT><![CDATA[http://127.0.0.1:2633/RPC2]]></ENDPOINT></TEMPLATE><SERVER_POOL></SERVER_POOL></ZONE>`;

/** An API whose zone reads answer `states` in turn, then the last one again. */
function apiAnswering(states: number[]): { api: OneApi; reads: () => number } {
  let reads = 0;
  const client = {
    callText: async (method: string) => {
      assert.equal(method, 'one.zone.info');
      return zoneXml(states[Math.min(reads++, states.length - 1)]!);
    },
  };
  return { api: { client: async () => client } as unknown as OneApi, reads: () => reads };
}

/** The checks read nothing an earlier step recorded. */
const context: StepContext = {
  value: () => assert.fail('no recorded value is read'),
  say: () => undefined,
};

const waiting = (timeoutMs: number) => {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => void (now += ms),
    timeoutMs,
    intervalMs: 100,
  };
};

/** The enable step of zone 0, reading the zone through `api`. */
const enableStep = (api: OneApi, timeoutMs: number) =>
  zoneEnableStep({
    name: 'zone-0/enable',
    api,
    zone: { id: 0, endpoint: 'http://127.0.0.1:2633/RPC2' },
    enabled: true,
    waiting: waiting(timeoutMs),
  });

describe('upgrade-wizard/zone enable step', () => {
  it('passes its check once the zone reads enabled, after reads that still said disabled', async () => {
    const { api, reads } = apiAnswering([1, 1, 0]);
    await enableStep(api, 10_000).check!(context);
    assert.equal(reads(), 3);
  });

  it('fails its check, naming the state, when the zone never reads enabled', async () => {
    const { api } = apiAnswering([1]);
    await assert.rejects(enableStep(api, 1_000).check!(context), {
      code: 'ONE_API',
      where: { field: 'zone-0/enable' },
    });
  });
});
