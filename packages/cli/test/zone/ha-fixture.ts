import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HaZone, LEADER, type HaZoneOptions } from '../../../../test/support/ha-zone.js';
import { runBin, type BinResult } from '../process/run-bin.js';

// A real HA zone of daemons (test/support/ha-zone.ts) and `onezone` run against it as an
// administrator would: ONE_XMLRPC is the zone's endpoint (server 0, where zone 0's ENDPOINT
// points), ONE_AUTH oneadmin's file, HOME a temporary directory.

export interface FollowerProgress {
  ID: number;
  MATCH: bigint;
  REPLICATION: string;
  ACTIVE: boolean;
}

export interface Progress {
  STATE: number;
  COMMIT: bigint;
  FIRST_INDEX: bigint;
  VOTERS: { ID: number }[];
  LEARNERS: { ID: number }[];
  FOLLOWERS: FollowerProgress[];
}

export interface HaFixture {
  zone: HaZone;
  onezone(args: readonly string[]): Promise<BinResult>;
  /** A call that must succeed on a running server. */
  call(id: number, method: string, ...params: (string | number | boolean)[]): Promise<unknown>;
  progress(id: number): Promise<Progress>;
  /** The progress of the server that leads now (the leader may change under load). */
  leaderProgress(): Promise<Progress>;
  /** Commits `count` small writes, trying again whatever an election made fail. */
  commitWrites(count: number): Promise<void>;
  /** A running voter that is neither the leader nor server 0 (the zone's endpoint). */
  follower(): Promise<number>;
  close(): Promise<void>;
}

export async function startHaFixture(options: HaZoneOptions): Promise<HaFixture> {
  const zone = await HaZone.create(options);
  const home = mkdtempSync(join(tmpdir(), 'onekit-cli-home-'));
  const fixture: HaFixture = {
    zone,
    onezone: (args) =>
      runBin('onezone', args, {
        env: {
          ONE_XMLRPC: zone.roots[0]!.endpoint,
          ONE_AUTH: zone.roots[0]!.paths.oneAuth,
          HOME: home,
        },
      }),
    call: (id, method, ...params) =>
      zone.process(id).client.value(method, zone.roots[id]!.session, ...params),
    progress: async (id) => (await fixture.call(id, 'onekit.zone.progress')) as Progress,
    leaderProgress: () =>
      eventually('the progress of the leader', async () => {
        const p = await fixture.progress(await zone.waitForLeader());
        return p.STATE === LEADER ? p : undefined;
      }),
    async commitWrites(count) {
      for (let done = 0; done < count;) {
        const leader = await zone.waitForLeader();
        const batch = await Promise.allSettled(
          Array.from({ length: Math.min(10, count - done) }, () =>
            fixture.call(leader, 'onekit.zone.probe'),
          ),
        );
        done += batch.filter((r) => r.status === 'fulfilled').length;
      }
    },
    async follower() {
      const leader = await zone.waitForLeader();
      const id = [1, 2].find((i) => i !== leader && zone.isRunning(i));
      if (id === undefined) throw new Error('no running follower besides server 0');
      return id;
    },
    async close() {
      await zone.stopAll();
      zone.remove();
      rmSync(home, { recursive: true, force: true });
    },
  };
  try {
    await zone.startAll();
    await zone.waitForLeader();
  } catch (err) {
    await fixture.close();
    throw err;
  }
  return fixture;
}

/** Kills the daemons a failed test left running and removes their roots. */
export { removeLeftovers } from '../../../../test/support/daemon.js';

/** Waits for `probe` to give a value, trying again every 50 ms until the deadline. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  deadlineMs = 20_000,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
