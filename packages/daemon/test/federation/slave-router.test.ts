// The slave router on its own and behind the real dispatcher: which calls go to the master,
// that they go unchanged and come back unchanged, the zone's own routing first, and oned's
// failure when the master cannot be reached.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { after, before, describe, it } from 'mocha';
import {
  decodeMethodResponse,
  encodeMethodCall,
  encodeMethodResponse,
  oneErrorCodes,
  oneMessages,
  oneSuccess,
  readOneResult,
} from '@onekit/core';
import { OneApiError, type Caller, type MethodSpec } from '../../src/api/method.js';
import { MethodRegistry, daemonMethods } from '../../src/api/registry.js';
import type { Authenticator } from '../../src/api/services.js';
import {
  MASTER_UNREACHABLE,
  slaveProxiedMethods,
  slaveRouter,
  type SendCall,
} from '../../src/federation/index.js';
import { DaemonLog, MemorySink } from '../../src/log/index.js';
import { zoneStates, type ZoneState } from '../../src/pools/zone/index.js';
import { Dispatcher, type RouteDecision, type Router } from '../../src/rpc/index.js';
import { freePort } from '../support/daemon-root.js';

const ADMIN: Caller = { uid: 0, name: 'oneadmin', gid: 0, gname: 'oneadmin', groups: [0] };
const MASTER = 'http://127.0.0.1:1/RPC2';

const fixed = (decision: RouteDecision): Router => ({ route: () => decision });
const local: RouteDecision = { kind: 'local' };
const noSend: SendCall = () => Promise.reject(new Error('no call may reach the master'));

/** Records what reached "the master" and answers with `answer`. */
function recordingSend(answer: string) {
  const sent: { endpoint: string; body: string }[] = [];
  const send: SendCall = async (endpoint, body) => {
    sent.push({ endpoint, body: Buffer.from(body).toString() });
    return answer;
  };
  return { sent, send };
}

describe('federation/slave-router', () => {
  it('lists exactly the federated writes the daemon serves', () => {
    const federated = daemonMethods()
      .filter((m) => m.federated === true)
      .map((m) => m.name)
      .sort();
    assert.deepEqual([...slaveProxiedMethods].sort(), federated);
  });

  it('sends a federated write the zone would run here to MASTER_ONED, unchanged', async () => {
    const { sent, send } = recordingSend('the master answer');
    const router = slaveRouter({
      zone: fixed(local),
      masterEndpoint: MASTER,
      zoneDisabled: () => false,
      send,
    });
    const decision = router.route({ name: 'one.user.allocate', federated: true });
    assert.equal(decision.kind, 'forward');
    if (decision.kind !== 'forward') return;
    const body = encodeMethodCall('one.user.allocate', ['oneadmin:pw', 'bob', 'x', '', []]);
    assert.equal(await decision.send(Buffer.from(body)), 'the master answer');
    assert.deepEqual(sent, [{ endpoint: MASTER, body }]);
  });

  it('keeps reads and zone-local calls in the zone, with the zone router decision as it is', () => {
    const decision: RouteDecision = { kind: 'local', ready: async () => {} };
    const router = slaveRouter({
      zone: fixed(decision),
      masterEndpoint: MASTER,
      zoneDisabled: () => false,
      send: noSend,
    });
    for (const name of [
      'one.user.info',
      'one.userpool.info',
      'one.zone.enable',
      'one.zone.addserver',
      'one.zone.delserver',
      'one.zone.raftstatus',
      'one.system.version',
    ]) {
      assert.equal(router.route({ name, leaderOnly: !name.endsWith('info') }), decision, name);
    }
  });

  it('lets an HA follower send a federated write to its zone leader, and a candidate refuse it', () => {
    const toLeader: RouteDecision = { kind: 'forward', send: async () => 'leader answer' };
    const refuse: RouteDecision = {
      kind: 'refuse',
      message: 'Cannot process request, oned cluster in election mode',
    };
    for (const decision of [toLeader, refuse]) {
      const router = slaveRouter({
        zone: fixed(decision),
        masterEndpoint: MASTER,
        zoneDisabled: () => false,
        send: noSend,
      });
      assert.equal(router.route({ name: 'one.group.allocate' }), decision);
    }
  });

  it('refuses federated writes in a disabled zone and proxies nothing', () => {
    const router = slaveRouter({
      zone: fixed(local),
      masterEndpoint: MASTER,
      zoneDisabled: () => true,
      send: noSend,
    });
    assert.deepEqual(router.route({ name: 'one.acl.addrule' }), {
      kind: 'refuse',
      message: 'Cannot process request, zone disabled',
    });
    assert.equal(router.route({ name: 'one.acl.info', leaderOnly: false }), local);
  });

  it('waits for the zone leader check before proxying, and proxies nothing when it fails', async () => {
    const { sent, send } = recordingSend('answer');
    const refused = new Error('Cannot process request, leadership could not be confirmed');
    const router = slaveRouter({
      zone: fixed({ kind: 'local', ready: () => Promise.reject(refused) }),
      masterEndpoint: MASTER,
      zoneDisabled: () => false,
      send,
    });
    const decision = router.route({ name: 'one.zone.rename' });
    assert.equal(decision.kind, 'forward');
    if (decision.kind !== 'forward') return;
    await assert.rejects(decision.send(Buffer.from('x')), (err) => err === refused);
    assert.deepEqual(sent, []);
  });

  it('proxies a call iff it is a listed write the zone runs here and the zone is enabled (property)', () => {
    const names = [...slaveProxiedMethods, 'one.user.info', 'one.zone.enable', 'x.y'];
    const decisions: RouteDecision[] = [
      local,
      { kind: 'refuse', message: 'no' },
      { kind: 'forward', send: async () => '' },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom(...decisions),
        fc.boolean(),
        (name, inZone, disabled) => {
          const router = slaveRouter({
            zone: fixed(inZone),
            masterEndpoint: MASTER,
            zoneDisabled: () => disabled,
            send: noSend,
          });
          const decision = router.route({ name });
          const proxied = slaveProxiedMethods.has(name) && inZone.kind === 'local';
          if (!proxied) assert.equal(decision, inZone);
          else assert.equal(decision.kind, disabled ? 'refuse' : 'forward');
        },
      ),
    );
  });
});

describe('federation/slave-router behind the dispatcher', () => {
  let master: Server;
  let masterEndpoint: string;
  const received: string[] = [];
  const masterAnswer = encodeMethodResponse(oneSuccess(42));

  before(async () => {
    master = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(Buffer.concat(chunks).toString());
        res.writeHead(200, { 'content-type': 'text/xml' }).end(masterAnswer);
      });
    });
    await new Promise<void>((resolve) => master.listen(0, '127.0.0.1', resolve));
    masterEndpoint = `http://127.0.0.1:${(master.address() as AddressInfo).port}/RPC2`;
  });

  after(
    () =>
      new Promise<void>((resolve) => {
        master.closeAllConnections();
        master.close(() => resolve());
      }),
  );

  const authenticator: Authenticator = {
    async authenticate(session, method) {
      if (session !== 'oneadmin:pw') {
        throw new OneApiError(oneErrorCodes.AUTHENTICATION, oneMessages.authentication(method));
      }
      return ADMIN;
    },
  };

  function slaveDispatcher(endpoint: string, state: ZoneState = zoneStates.ENABLED) {
    const ran: string[] = [];
    const spec = (name: string): MethodSpec<unknown> => ({
      name,
      params: ['string'],
      async handler() {
        ran.push(name);
        return 1;
      },
    });
    const localZone = { id: 100, state };
    const dispatcher = new Dispatcher({
      registry: new MethodRegistry([spec('one.user.allocate'), spec('one.zone.enable')]),
      services: undefined,
      authenticator,
      router: slaveRouter({
        zone: { route: () => ({ kind: 'local' }) },
        masterEndpoint: endpoint,
        zoneDisabled: () => localZone.state === zoneStates.DISABLED,
      }),
      localZone,
      log: new DaemonLog({ sink: new MemorySink(), clock: () => 0, zoneId: 100 }),
      clock: () => 0,
      requestId: () => 1,
    });
    const call = (method: string, ...params: string[]) =>
      dispatcher.dispatch(Buffer.from(encodeMethodCall(method, params)), { ip: '127.0.0.9' });
    return { ran, call };
  }

  it('returns the master answer verbatim for a proxied call and runs zone calls here', async () => {
    const slave = slaveDispatcher(masterEndpoint);
    received.length = 0;
    assert.equal(await slave.call('one.user.allocate', 'oneadmin:pw', 'bob'), masterAnswer);
    assert.deepEqual(received, [encodeMethodCall('one.user.allocate', ['oneadmin:pw', 'bob'])]);
    const local = decodeMethodResponse(await slave.call('one.zone.enable', 'oneadmin:pw', 'x'));
    assert.equal(local.kind, 'value');
    assert.deepEqual(slave.ran, ['one.zone.enable']);
  });

  it('answers INTERNAL "Could not connect to the federation master oned" when the master is down', async () => {
    const closed = `http://127.0.0.1:${await freePort('127.0.0.1')}/RPC2`;
    const slave = slaveDispatcher(closed);
    const answer = decodeMethodResponse(await slave.call('one.user.allocate', 'oneadmin:pw', 'b'));
    assert.equal(answer.kind, 'value');
    if (answer.kind !== 'value') return;
    assert.deepEqual(readOneResult(answer.value), {
      ok: false,
      code: oneErrorCodes.INTERNAL,
      message: oneMessages.internal('one.user.allocate', MASTER_UNREACHABLE),
      respId: -1,
      replicationIndex: -1n,
    });
    assert.deepEqual(slave.ran, []);
  });

  it('does not proxy for a zone that is disabled', async () => {
    const slave = slaveDispatcher(masterEndpoint, zoneStates.DISABLED);
    received.length = 0;
    const answer = decodeMethodResponse(await slave.call('one.user.allocate', 'oneadmin:pw', 'b'));
    assert.equal(answer.kind, 'value');
    if (answer.kind !== 'value') return;
    const result = readOneResult(answer.value);
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.code, oneErrorCodes.INTERNAL);
    assert.deepEqual(received, []);
  });
});
