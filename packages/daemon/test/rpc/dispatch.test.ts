// The dispatcher on its own: the order of oned's checks, the result and fault shapes,
// the router seam (forwarding and refusals that only HA and federation produce), and a
// log that never carries what the caller sent.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import {
  decodeMethodResponse,
  encodeMethodCall,
  oneErrorCodes,
  oneMessages,
  readOneResult,
  type XmlRpcInput,
} from '@onekit/core';
import { OneApiError, type Caller, type MethodSpec } from '../../src/api/method.js';
import { MethodRegistry } from '../../src/api/registry.js';
import type { Authenticator, LocalZone } from '../../src/api/services.js';
import { DaemonLog, MemorySink } from '../../src/log/index.js';
import { zoneStates } from '../../src/pools/zone/index.js';
import { Dispatcher, soloRouter, type Router } from '../../src/rpc/index.js';

const ADMIN: Caller = { uid: 0, name: 'oneadmin', gid: 0, gname: 'oneadmin', groups: [0] };

/** Accepts one session; the real authenticator has its own tests. */
const authenticator: Authenticator = {
  async authenticate(session, method) {
    if (session !== 'oneadmin:pw') {
      throw new OneApiError(oneErrorCodes.AUTHENTICATION, oneMessages.authentication(method));
    }
    return ADMIN;
  },
};

interface Services {
  readonly seen: unknown[][];
}

const specs: MethodSpec<Services>[] = [
  {
    name: 'test.echo',
    params: ['int', 'string'],
    optionalFrom: 1,
    async handler({ params, services }) {
      services.seen.push([...params]);
      return params[0] as number;
    },
  },
  {
    name: 'test.read',
    params: [],
    leaderOnly: false,
    allowedWhenDisabled: true,
    async handler() {
      return '<X/>';
    },
  },
  {
    name: 'test.refuse',
    params: [],
    async handler() {
      throw new OneApiError(oneErrorCodes.NO_EXISTS, '[test.refuse] Error getting zone [7].', 7);
    },
  },
  {
    name: 'test.crash',
    params: [],
    async handler() {
      throw new Error('disk on fire');
    },
  },
];

function setup(o: { router?: Router; state?: LocalZone['state'] } = {}) {
  const sink = new MemorySink();
  const services: Services = { seen: [] };
  const localZone: LocalZone = { id: 0, state: o.state ?? zoneStates.ENABLED };
  const dispatcher = new Dispatcher({
    registry: new MethodRegistry(specs),
    services,
    authenticator,
    router: o.router ?? soloRouter,
    localZone,
    log: new DaemonLog({ sink, clock: () => 0, zoneId: 0 }),
    clock: () => 0,
    requestId: () => 42,
  });
  const send = async (method: string, ...params: XmlRpcInput[]) =>
    decodeMethodResponse(
      await dispatcher.dispatch(Buffer.from(encodeMethodCall(method, params)), { ip: '127.0.0.9' }),
    );
  const result = async (method: string, ...params: XmlRpcInput[]) => {
    const response = await send(method, ...params);
    if (response.kind !== 'value')
      throw new Error(`${method} faulted: ${response.fault.faultString}`);
    return readOneResult(response.value);
  };
  return { sink, services, localZone, dispatcher, send, result };
}

describe('rpc/dispatch', () => {
  it('answers [true, value, 0] and hands the parameters after the session to the handler', async () => {
    const t = setup();
    assert.deepEqual(await t.result('test.echo', 'oneadmin:pw', 5, 'x'), { ok: true, value: 5 });
    assert.deepEqual(t.services.seen, [[5, 'x']]);
    assert.deepEqual(await t.send('test.echo', 'oneadmin:pw', 5, 'x'), {
      kind: 'value',
      value: [true, 5, 0],
    });
  });

  it('answers a OneApiError as [false, message, code, resp_id, replication_idx]', async () => {
    const t = setup();
    assert.deepEqual(await t.send('test.refuse', 'oneadmin:pw'), {
      kind: 'value',
      value: [false, '[test.refuse] Error getting zone [7].', oneErrorCodes.NO_EXISTS, 7, -1n],
    });
  });

  it('hides an unexpected failure behind INTERNAL and logs it', async () => {
    const t = setup();
    assert.deepEqual(await t.result('test.crash', 'oneadmin:pw'), {
      ok: false,
      code: oneErrorCodes.INTERNAL,
      message: '[test.crash] Internal error',
      respId: -1,
      replicationIndex: -1n,
    });
    assert.ok(t.sink.lines.some((l) => l.includes('test.crash failed: disk on fire')));
  });

  it('checks in oned order: method, authentication, route, zone state, parameters', async () => {
    const refuse: Router = {
      route: (m) =>
        m.leaderOnly === false
          ? { kind: 'local' }
          : { kind: 'refuse', message: 'Cannot process request, oned cluster in election mode' },
    };
    const t = setup({ router: refuse, state: zoneStates.DISABLED });
    assert.deepEqual(await t.send('test.nope', 'bad'), {
      kind: 'fault',
      fault: { faultCode: -506, faultString: "Method 'test.nope' not defined" },
    });
    assert.equal((await t.send('test.echo')).kind, 'fault', 'no session at all');
    const unauthenticated = await t.result('test.echo', 'bad', 'not-an-int');
    assert.ok(!unauthenticated.ok && unauthenticated.code === oneErrorCodes.AUTHENTICATION);
    const refused = await t.result('test.echo', 'oneadmin:pw', 'not-an-int');
    assert.ok(
      !refused.ok &&
        refused.message === '[test.echo] Cannot process request, oned cluster in election mode',
    );
    assert.deepEqual(await t.result('test.read', 'oneadmin:pw'), { ok: true, value: '<X/>' });

    const disabled = setup({ state: zoneStates.DISABLED });
    const gated = await disabled.result('test.echo', 'oneadmin:pw', 'not-an-int');
    assert.ok(
      !gated.ok &&
        gated.code === oneErrorCodes.INTERNAL &&
        gated.message === '[test.echo] Cannot process request, zone disabled',
    );
    disabled.localZone.state = zoneStates.ENABLED;
    assert.deepEqual(await disabled.send('test.echo', 'oneadmin:pw', 'not-an-int'), {
      kind: 'fault',
      fault: { faultCode: -501, faultString: 'Parameter that is supposed to be integer is not' },
    });
    assert.deepEqual(disabled.services.seen, []);
  });

  it('returns a forwarded answer verbatim, and INTERNAL when forwarding fails', async () => {
    const bodies: string[] = [];
    const forward: Router = {
      route: () => ({
        kind: 'forward',
        async send(body) {
          bodies.push(Buffer.from(body).toString());
          if (bodies.length > 1) throw new Error('Cannot process request, no leader found');
          return 'upstream answer';
        },
      }),
    };
    const t = setup({ router: forward });
    const body = encodeMethodCall('test.echo', ['oneadmin:pw', 'unchecked']);
    assert.equal(await t.dispatcher.dispatch(Buffer.from(body), { ip: '-' }), 'upstream answer');
    assert.equal(bodies[0], body);
    assert.deepEqual(await t.result('test.echo', 'oneadmin:pw', 1), {
      ok: false,
      code: oneErrorCodes.INTERNAL,
      message: '[test.echo] Cannot process request, no leader found',
      respId: -1,
      replicationIndex: -1n,
    });
  });

  it('logs one line per call with method, uid and result, never the session or parameters (property)', async () => {
    // A mark no log line holds, so a match can only come from the generated text.
    const secretText = fc.string({ minLength: 4 }).map((s) => `\u00a7${s}`);
    await fc.assert(
      fc.asyncProperty(secretText, secretText, async (password, param) => {
        const t = setup();
        await t.send('test.echo', `oneadmin:${password}`, 1, param);
        await t.send('test.echo', 'oneadmin:pw', 2, param);
        assert.equal(t.sink.lines.length, 2);
        for (const line of t.sink.lines) {
          assert.ok(!line.includes(password) && !line.includes(param), line);
          assert.match(
            line,
            /\[ReM\]\[I\]: Req:42 UID:(-|0) IP:127\.0\.0\.9 test\.echo result (SUCCESS|FAILURE 256) \(0 ms\)\n$/,
          );
        }
      }),
      { numRuns: 50 },
    );
  });
});
