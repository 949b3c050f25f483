// Three zones of real daemons: a master zone of three HA servers and two solo slave zones,
// one of them on MariaDB. Federated writes made on the master and through either slave
// (which proxies them to the master) reach every server of every zone; under continuous
// writes a slave and the master's leader are killed and restarted, and every acknowledged
// write is everywhere at the end with one FEDLOG_INDEX on every server. A slave's zone
// changes (enable/disable, its servers) go through the master and affect only that zone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { oneErrorCodes } from '@onekit/core';
import { eventually } from '../../../../test/support/eventually.js';
import { HaFederation, type SlaveZone } from '../../../../test/support/federation.js';
import { daemonBackends } from '../support/daemon-backends.js';
import { RpcClient } from '../support/rpc-client.js';
import { fedlogIndex, poolNames } from './federation-calls.js';

const mysql = daemonBackends.find((b) => b.name === 'mysql')!;

/** Zone XML fields this suite reads. */
function zoneField(xml: string, field: 'STATE' | 'SERVER_POOL'): string {
  const match = new RegExp(`<${field}>(.*?)</${field}>`).exec(xml);
  if (!match) throw new Error(`no ${field} in ${xml}`);
  return match[1]!;
}

describe('a federation of an HA master zone and two slave zones', function () {
  this.timeout(180_000);
  let federation: HaFederation;
  let slaveA: SlaveZone;
  let slaveB: SlaveZone;
  let session: string;
  const clients: RpcClient[] = [];

  /** A client of a root's address: it outlives restarts of the daemon there. */
  const clientOf = (root: { host: string; port: number }): RpcClient => {
    const client = new RpcClient(root.host, root.port);
    clients.push(client);
    return client;
  };

  before(async () => {
    federation = await HaFederation.create({
      masterServers: 3,
      slaves: [{}, { conf: await mysql.database() }],
    });
    [slaveA, slaveB] = federation.slaves as [SlaveZone, SlaveZone];
    session = slaveA.root.session;
  });

  after(async () => {
    for (const client of clients) client.close();
    await federation?.stop();
    federation?.remove();
  });

  const masterLeader = async () =>
    federation.master.process(await federation.master.waitForLeader());

  /** Waits until every running server of every zone holds the same FEDLOG_INDEX. */
  const converged = () =>
    eventually(
      'one FEDLOG_INDEX on every server',
      async () => {
        const indexes = await Promise.all(
          federation.servers().map((s) => fedlogIndex(s.process, session)),
        );
        return new Set(indexes).size === 1 ? indexes[0] : undefined;
      },
      { deadlineMs: 60_000 },
    );

  /** Waits until every running server lists every name of `names` in the pool. */
  const everywhere = (method: string, names: readonly string[]) =>
    eventually(
      `${names.length} names of ${method} on every server`,
      async () => {
        for (const server of federation.servers()) {
          const listed = new Set(await poolNames(server.process.client, session, method));
          if (!names.every((n) => listed.has(n))) return undefined;
        }
        return true;
      },
      { deadlineMs: 60_000 },
    );

  it('replicates users, groups and ACL rules made on the master and through each slave', async () => {
    const targets = [
      { tag: 'm', client: (await masterLeader()).client },
      { tag: 'a', client: slaveA.process.client },
      { tag: 'b', client: slaveB.process.client },
    ];
    for (const { tag, client } of targets) {
      assert.equal(
        (await client.call('one.user.allocate', session, `u-${tag}`, 'pw', '')).ok,
        true,
      );
      const group = await client.call('one.group.allocate', session, `g-${tag}`);
      assert.equal(group.ok, true);
      const rule = await client.call(
        'one.acl.addrule',
        session,
        `@${group.ok ? String(group.value) : '?'}`,
        'ZONE/*',
        'USE',
        '*',
      );
      assert.equal(rule.ok, true, JSON.stringify(rule));
    }
    await everywhere('one.userpool.info', ['u-m', 'u-a', 'u-b']);
    await everywhere('one.grouppool.info', ['g-m', 'g-a', 'g-b']);
    await converged();
    const acl = await (await masterLeader()).client.value('one.acl.info', session);
    for (const server of federation.servers()) {
      assert.equal(await server.process.client.value('one.acl.info', session), acl, server.name);
    }
  });

  it('keeps every acknowledged write while a slave and the master leader are killed and restarted', async () => {
    const acknowledged: string[] = [];
    let stopped = false;
    const masterClients = federation.master.roots
      .slice(0, federation.master.servers)
      .map((root) => clientOf(root));
    const writers = [
      { tag: 'w-master', pick: (n: number) => masterClients[n % masterClients.length]! },
      { tag: 'w-a', pick: () => clientOf(slaveA.root) },
      { tag: 'w-b', pick: () => clientOf(slaveB.root) },
    ].map(async ({ tag, pick }) => {
      let client = pick(0);
      for (let n = 0; !stopped; n++) {
        const name = `${tag}-${n}`;
        try {
          const result = await client.call('one.user.allocate', session, name, 'pw', '');
          if (result.ok) acknowledged.push(name);
          else client = pick(n + 1);
        } catch {
          // Down or restarting: wait until a server answers again, then go on.
          client = pick(n + 1);
          await eventually(`${tag} reaches a server`, () =>
            client.call('one.system.version', session).then(() => true),
          ).catch(() => undefined);
        }
      }
    });
    const acksGrow = async (what: string, tag?: string) => {
      const before = acknowledged.filter((n) => tag === undefined || n.startsWith(tag)).length;
      await eventually(what, () =>
        acknowledged.filter((n) => tag === undefined || n.startsWith(tag)).length >= before + 5
          ? true
          : undefined,
      );
    };

    await acksGrow('writes through every zone');
    await slaveA.stop('SIGKILL');
    await acksGrow('writes while slave A is down', 'w-master');
    await slaveA.start();
    await acksGrow('writes through slave A after its restart', 'w-a');

    const leader = await federation.master.waitForLeader();
    await federation.master.stop(leader, 'SIGKILL');
    await federation.master.waitForLeader({ except: leader, deadlineMs: 30_000 });
    // The slaves' MASTER_ONED is one master server (no floating address here): it may be
    // the one just killed, so the slaves' own writes are checked once it is back.
    await acksGrow('writes under the new master leader', 'w-master');
    await federation.master.start(leader);
    await acksGrow('writes through slave B after the old leader is back', 'w-b');
    await acksGrow('writes after the old leader is back');

    stopped = true;
    await Promise.all(writers);
    assert.ok(acknowledged.some((n) => n.startsWith('w-a')));
    await everywhere('one.userpool.info', acknowledged);
    const index = await converged();
    assert.ok(index !== undefined && index > 0n);
  });

  it('changes a slave zone through its own endpoint, published through the master, and no other zone', async () => {
    const a = slaveA.process.client;
    const b = slaveB.process.client;
    const onMaster = async (id: number) =>
      String(await (await masterLeader()).client.value('one.zone.info', session, id));

    // The master's method only: a slave does not define it.
    const fault = await a.fault('one.zone.updatedb', session, slaveA.zoneId, '<ZONE/>');
    assert.equal(fault.faultCode, -506);

    const other = await a.call('one.zone.enable', session, slaveB.zoneId, false);
    assert.equal(other.ok, false);
    assert.equal(!other.ok && other.code, oneErrorCodes.ACTION);

    assert.deepEqual(await a.call('one.zone.enable', session, slaveA.zoneId, false), {
      ok: true,
      value: slaveA.zoneId,
    });
    assert.equal(zoneField(await onMaster(slaveA.zoneId), 'STATE'), '1');
    await eventually('zone A disabled in slave B copy', async () =>
      zoneField(String(await b.value('one.zone.info', session, slaveA.zoneId)), 'STATE') === '1'
        ? true
        : undefined,
    );
    const refused = await a.call('one.user.allocate', session, 'while-disabled', 'pw', '');
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.code, oneErrorCodes.INTERNAL);
    assert.equal((await b.call('one.user.allocate', session, 'through-b', 'pw', '')).ok, true);
    const masterClient = (await masterLeader()).client;
    assert.equal(
      (await masterClient.call('one.user.allocate', session, 'on-master', 'pw', '')).ok,
      true,
    );
    assert.equal(zoneField(await onMaster(0), 'STATE'), '0');
    assert.equal(zoneField(await onMaster(slaveB.zoneId), 'STATE'), '0');

    assert.equal((await a.call('one.zone.enable', session, slaveA.zoneId, true)).ok, true);
    assert.equal(zoneField(await onMaster(slaveA.zoneId), 'STATE'), '0');
    assert.equal((await a.call('one.user.allocate', session, 'after-enable', 'pw', '')).ok, true);

    // Its servers: SERVER_POOL of a solo zone, the master's copy following.
    const template = `SERVER = [ NAME = "a0", ENDPOINT = "${slaveA.endpoint}" ]`;
    assert.deepEqual(await a.call('one.zone.addserver', session, slaveA.zoneId, template), {
      ok: true,
      value: slaveA.zoneId,
    });
    assert.match(
      zoneField(await onMaster(slaveA.zoneId), 'SERVER_POOL'),
      /<NAME><!\[CDATA\[a0\]\]>/,
    );
    assert.match(
      zoneField(String(await a.value('one.zone.info', session, slaveA.zoneId)), 'SERVER_POOL'),
      /a0/,
    );
    // An older row of zone A on the master (as a publish still in flight would leave it),
    // then a rename there: the row comes back to A, whose servers and state stay its own.
    const master = (await masterLeader()).client;
    const stale = (await onMaster(slaveA.zoneId)).replace(
      /<SERVER_POOL>.*?<\/SERVER_POOL>/,
      '<SERVER_POOL></SERVER_POOL>',
    );
    assert.equal((await master.call('one.zone.updatedb', session, slaveA.zoneId, stale)).ok, true);
    const renamed = await master.call('one.zone.rename', session, slaveA.zoneId, 'slave-a-renamed');
    assert.equal(renamed.ok, true);
    const ownCopy = () => a.value('one.zone.info', session, slaveA.zoneId).then(String);
    await eventually('the rename reaches zone A', async () =>
      (await ownCopy()).includes('slave-a-renamed') ? true : undefined,
    );
    assert.match(zoneField(await ownCopy(), 'SERVER_POOL'), /a0/);
    assert.equal(zoneField(await ownCopy(), 'STATE'), '0');
    assert.equal(zoneField(await onMaster(slaveA.zoneId), 'SERVER_POOL'), '');

    assert.equal((await a.call('one.zone.delserver', session, slaveA.zoneId, 0)).ok, true);
    assert.equal(zoneField(await onMaster(slaveA.zoneId), 'SERVER_POOL'), '');
    await everywhere('one.userpool.info', ['through-b', 'on-master', 'after-enable']);
    await converged();
  });
});
