// one.zone.updatedb through a real federation master, and the slave's publisher calling it:
// the zone object is replaced as a federated write, oneadmin only, and its refusals.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { Template, oneErrorCodes, readXmlDocument, type XmlObject } from '@onekit/core';
import { daemonMethods } from '../../src/api/registry.js';
import { MASTER_UNREACHABLE, masterZonePublisher } from '../../src/federation/index.js';
import { zoneStates, zoneXml, type Zone } from '../../src/pools/zone/index.js';
import { DaemonRoot, freePort, type DaemonProcess } from '../support/daemon-root.js';

function zoneOf(xml: string): XmlObject {
  return readXmlDocument(xml, { root: 'ZONE', arrays: ['ZONE/SERVER_POOL/SERVER'] })
    .ZONE as XmlObject;
}

function slaveZone(o: Partial<Zone> = {}): Zone {
  return {
    id: 100,
    name: 'east',
    state: zoneStates.ENABLED,
    template: new Template().addSingle('ENDPOINT', 'http://10.0.0.1:2633/RPC2'),
    servers: [],
    ...o,
  };
}

describe('api/zone-updatedb in the registry', () => {
  it('is served by masters and standalone servers, not by slaves', () => {
    const names = (specs: { name: string }[]) => specs.map((s) => s.name);
    assert.ok(names(daemonMethods()).includes('one.zone.updatedb'));
    assert.ok(!names(daemonMethods({ slave: (spec) => spec })).includes('one.zone.updatedb'));
  });
});

describe('api/zone-updatedb through a federation master', function () {
  this.timeout(120_000);
  let root: DaemonRoot;
  let daemon: DaemonProcess;
  let admin: string;

  const call = (method: string, ...params: Parameters<DaemonProcess['client']['call']>[1][]) =>
    daemon.client.call(method, ...params);

  async function info(id: number): Promise<XmlObject> {
    const result = await call('one.zone.info', admin, id);
    assert.ok(result.ok);
    return zoneOf(result.value as string);
  }

  before(async () => {
    root = await DaemonRoot.create();
    admin = root.session;
    await (await root.start()).stop();
    root.writeConf({ conf: (c) => void (c.federation.mode = 'MASTER') });
    daemon = await root.start();
    assert.deepEqual(
      await call('one.zone.allocate', admin, 'NAME = east\nENDPOINT = http://10.0.0.1:2633/RPC2'),
      { ok: true, value: 100 },
    );
    assert.deepEqual(
      await call('one.zone.allocate', admin, 'NAME = west\nENDPOINT = http://10.0.0.2:2633/RPC2'),
      { ok: true, value: 101 },
    );
    const alice = await call('one.user.allocate', admin, 'alice', 'alice-pw', '');
    assert.ok(alice.ok);
  });

  after(async () => {
    await daemon?.stop();
  });

  it('replaces the zone object: servers, state and template, as a federated entry', async () => {
    const before = await call('one.zone.raftstatus', admin);
    assert.ok(before.ok);
    const fedBefore = BigInt(String(zoneRaft(before.value as string).FEDLOG_INDEX));
    const zone = slaveZone({
      state: zoneStates.DISABLED,
      servers: [{ ENDPOINT: 'http://127.0.0.9:2633/RPC2', ID: '0', NAME: 'fe0' }],
    });
    assert.deepEqual(await call('one.zone.updatedb', admin, 100, zoneXml(zone)), {
      ok: true,
      value: 100,
    });
    const stored = await info(100);
    assert.equal(stored.STATE, '1');
    assert.deepEqual(stored.SERVER_POOL, {
      SERVER: [{ ENDPOINT: 'http://127.0.0.9:2633/RPC2', ID: '0', NAME: 'fe0' }],
    });
    const after = await call('one.zone.raftstatus', admin);
    assert.ok(after.ok);
    assert.ok(BigInt(String(zoneRaft(after.value as string).FEDLOG_INDEX)) > fedBefore);
  });

  it('refuses callers other than oneadmin with AUTHORIZATION', async () => {
    const result = await call('one.zone.updatedb', 'alice:alice-pw', 100, zoneXml(slaveZone()));
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.code, oneErrorCodes.AUTHORIZATION);
  });

  it('refuses a document of another zone, an unreadable one, an unknown zone and a taken name', async () => {
    const other = await call('one.zone.updatedb', admin, 101, zoneXml(slaveZone()));
    assert.equal(other.ok, false);
    if (!other.ok) assert.equal(other.code, oneErrorCodes.ACTION);

    const unreadable = await call('one.zone.updatedb', admin, 100, '<ZONE><ID>100</ID>');
    assert.equal(unreadable.ok, false);
    if (!unreadable.ok) assert.equal(unreadable.code, oneErrorCodes.INTERNAL);

    const unknown = await call('one.zone.updatedb', admin, 107, zoneXml(slaveZone({ id: 107 })));
    assert.deepEqual(unknown, {
      ok: false,
      code: oneErrorCodes.NO_EXISTS,
      message: '[one.zone.updatedb] Error getting zone [107].',
      respId: 107,
      replicationIndex: -1n,
    });

    const taken = await call('one.zone.updatedb', admin, 100, zoneXml(slaveZone({ name: 'west' })));
    assert.equal(taken.ok, false);
    if (!taken.ok) assert.equal(taken.code, oneErrorCodes.ACTION);
    assert.equal((await info(101)).NAME, 'west');
    assert.equal((await info(100)).NAME, 'east');
  });

  describe('the slave publisher', () => {
    it('publishes a zone object to the master with oneadmin credentials', async () => {
      const publish = masterZonePublisher({
        masterEndpoint: root.endpoint,
        session: () => admin,
      });
      await publish(slaveZone({ state: zoneStates.ENABLED, servers: [] }));
      const stored = await info(100);
      assert.equal(stored.STATE, '0');
      assert.deepEqual(stored.SERVER_POOL, { SERVER: [] });
    });

    it('rejects with the master refusal, and with oned message when the master is down', async () => {
      const refused = masterZonePublisher({
        masterEndpoint: root.endpoint,
        session: () => 'alice:alice-pw',
      });
      await assert.rejects(refused(slaveZone()), /not authorized/);
      const down = masterZonePublisher({
        masterEndpoint: `http://127.0.0.1:${await freePort('127.0.0.1')}/RPC2`,
        session: () => admin,
      });
      await assert.rejects(down(slaveZone()), { message: MASTER_UNREACHABLE });
    });
  });
});

function zoneRaft(xml: string): XmlObject {
  return readXmlDocument(xml, { root: 'RAFT' }).RAFT as XmlObject;
}
