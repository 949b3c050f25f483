// Changing a zone's servers while clients write all the time: a server joins (learner,
// caught up, promoted), the leader is killed with SIGKILL and restarted, a follower leaves
// and then the leader itself leaves. Afterwards every acknowledged write is on every
// remaining server and they all hash their state alike. On SQLite and on MariaDB.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { eventually } from '../../../../test/support/eventually.js';
import { HaZone } from '../../../../test/support/ha-zone.js';
import { zoneBackends, zoneDatabases, type ZoneDatabases } from '../support/zone-backends.js';
import { TrialClient } from '../support/zone-trial/trial-client.js';

type Progress = { VOTERS: { ID: number }[]; LEARNERS: { ID: number }[] };

const CLIENTS = 4;
const SLOW = { deadlineMs: 60_000 };

/** Clients that write new groups through any running member until stopped. */
class Writers {
  readonly acknowledged: string[] = [];
  private running = true;
  private readonly loops: Promise<void>[] = [];
  private readonly clients = new Map<number, TrialClient>();

  constructor(
    private readonly zone: HaZone,
    private readonly members: () => readonly number[],
  ) {
    for (let c = 0; c < CLIENTS; c++) this.loops.push(this.loop(c));
  }

  /** Resolves once `more` writes beyond those acknowledged now are acknowledged. */
  grown(more: number, what: string): Promise<true> {
    const target = this.acknowledged.length + more;
    return eventually(what, () => (this.acknowledged.length >= target ? true : undefined), SLOW);
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    for (const client of this.clients.values()) client.close();
  }

  private client(id: number): TrialClient {
    let client = this.clients.get(id);
    if (!client) {
      const root = this.zone.roots[id]!;
      client = new TrialClient(root.endpoint, root.session, 10_000);
      this.clients.set(id, client);
    }
    return client;
  }

  private async loop(c: number): Promise<void> {
    for (let n = 0; this.running; n++) {
      const members = this.members();
      const id = members[(c + n) % members.length]!;
      const name = `load-${c}-${n}`;
      const outcome = await this.client(id).call('one.group.allocate', name);
      if (outcome.kind === 'ok') this.acknowledged.push(name);
      // Refused while the zone elects or reconciles: wait for a leader before the next try.
      else if (this.running) await this.zone.waitForLeader(SLOW).catch(() => undefined);
    }
  }
}

for (const backend of zoneBackends) describeUnderLoad(backend);

function describeUnderLoad(backend: (typeof zoneBackends)[number]): void {
  describe(`ha/membership under continuous writes on ${backend.label}`, function () {
    this.timeout(180_000);
    let zone: HaZone;
    let databases: ZoneDatabases;
    /** The servers still in the zone. */
    let members = [0, 1, 2];

    const call = (id: number, method: string, ...params: unknown[]) =>
      zone.process(id).client.call(method, zone.roots[id]!.session, ...(params as never[]));
    const value = (id: number, method: string, ...params: unknown[]) =>
      zone.process(id).client.value(method, zone.roots[id]!.session, ...(params as never[]));
    const progress = async () =>
      (await value(await zone.waitForLeader(SLOW), 'onekit.zone.progress')) as Progress;
    const voters = async () => (await progress()).VOTERS.map((v) => v.ID).sort();
    /** Asks whoever leads to remove `id`, until the zone no longer counts it. */
    const remove = (id: number) =>
      eventually(
        `server ${id} removed`,
        async () => {
          if (!(await voters()).includes(id)) return true;
          await call(await zone.waitForLeader(SLOW), 'one.zone.delserver', 0, id);
          return undefined;
        },
        SLOW,
      );

    before(async () => {
      databases = await zoneDatabases(backend.name, 'under_load');
      zone = await HaZone.create({ servers: 3, spares: 1, ...databases.options });
      await zone.startAll();
      await zone.waitForLeader(SLOW);
    });

    after(async () => {
      await zone?.stopAll();
      zone?.remove();
      await databases?.drop();
    });

    it('adds, kills, removes a follower and the leader; loses no acknowledged write', async () => {
      const writers = new Writers(zone, () => members);
      try {
        await writers.grown(20, 'writes before the changes');

        const spare = zone.roots[3]!;
        await eventually(
          'server-add',
          async () => {
            const r = await call(
              await zone.waitForLeader(SLOW),
              'one.zone.addserver',
              0,
              `SERVER = [ NAME = "server-3", ENDPOINT = "${spare.endpoint}" ]`,
            );
            return r.ok ? true : undefined;
          },
          SLOW,
        );
        spare.writeConf({ conf: (c) => void (c.federation.serverId = 3) });
        await zone.start(3);
        await eventually(
          'server 3 promoted',
          async () => ((await voters()).includes(3) ? true : undefined),
          SLOW,
        );
        members = [0, 1, 2, 3];
        await writers.grown(20, 'writes after the promotion');

        const killed = await zone.waitForLeader(SLOW);
        await zone.stop(killed, 'SIGKILL');
        await zone.waitForLeader({ ...SLOW, except: killed });
        await zone.start(killed);
        await writers.grown(20, 'writes after the leader was killed');

        const leader = await zone.waitForLeader(SLOW);
        const follower = members.find((id) => id !== leader)!;
        members = members.filter((id) => id !== follower);
        await remove(follower);
        await zone.stop(follower);
        await writers.grown(20, 'writes after a follower left');

        const leaving = await zone.waitForLeader(SLOW);
        members = members.filter((id) => id !== leaving);
        await remove(leaving);
        await zone.waitForLeader({ ...SLOW, except: leaving });
        await zone.stop(leaving);
        await writers.grown(20, 'writes after the leader left');
      } finally {
        await writers.stop();
      }

      assert.deepEqual(await voters(), [...members].sort());
      for (const id of members) {
        const missing = await eventually(
          `every acknowledged write on server ${id}`,
          async () => {
            const r = await call(id, 'one.grouppool.info');
            if (!r.ok) return undefined;
            const names = new Set(
              [
                ...String(r.value).matchAll(/<NAME>(?:<!\[CDATA\[)?([^<\]]*)(?:\]\]>)?<\/NAME>/g),
              ].map((m) => m[1]),
            );
            const lacking = writers.acknowledged.filter((name) => !names.has(name));
            return lacking.length === 0 ? lacking : undefined;
          },
          SLOW,
        );
        assert.deepEqual(missing, []);
      }
      const index = (await eventually(
        'a state check',
        async () => {
          const r = await call(await zone.waitForLeader(SLOW), 'onekit.zone.statecheck');
          return r.ok ? r.value : undefined;
        },
        SLOW,
      )) as bigint;
      const hashes = await Promise.all(
        members.map((id) =>
          eventually(
            `state hash on server ${id}`,
            async () => {
              const r = (await value(id, 'onekit.zone.statehash')) as {
                INDEX: bigint;
                HASH: string;
              };
              return r.INDEX === index ? r.HASH : undefined;
            },
            SLOW,
          ),
        ),
      );
      assert.equal(new Set(hashes).size, 1, `state hashes: ${hashes.join(', ')}`);
    });
  });
}
