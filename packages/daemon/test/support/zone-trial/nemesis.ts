// The faults of a trial, one at a time so that a majority can always make progress: kill -9
// the leader or a follower and start it again, or isolate one (from the other servers, and
// from its clients or not) and heal it. Between faults the zone gets a quiet spell.
import { setTimeout as delay } from 'node:timers/promises';
import type { HaZone } from '../../../../../test/support/ha-zone.js';
import type { Random } from './seeded-random.js';
import type { TrialHistory } from './trial-history.js';

export interface NemesisOptions {
  readonly zone: HaZone;
  readonly history: TrialHistory;
  readonly random: Random;
  /** History time after which no new fault starts. */
  readonly until: number;
  /** How long a fault lasts and how long the quiet between faults lasts, in ms. */
  readonly faultMs: readonly [number, number];
  readonly quietMs: readonly [number, number];
}

type Fault = 'kill' | 'isolate' | 'isolate-from-servers-only';

export async function runNemesis(o: NemesisOptions): Promise<void> {
  const { zone, history, random } = o;
  const servers = zone.roots.slice(0, zone.servers).map((_, id) => id);
  while (history.now() < o.until) {
    await delay(random.int(...o.quietMs));
    if (history.now() >= o.until) break;
    const leader = await zone.waitForLeader({ deadlineMs: 3000 }).catch(() => undefined);
    const onLeader = leader !== undefined && random.next() < 0.5;
    const target = onLeader ? leader : random.pick(servers.filter((id) => id !== leader));
    const fault = random.pick<Fault>(['kill', 'isolate', 'isolate-from-servers-only']);
    const who = `server ${target}${target === leader ? ' (leader)' : ''}`;
    if (fault === 'kill') {
      history.fault(`kill -9 ${who}`);
      await zone.stop(target, 'SIGKILL');
    } else {
      history.fault(`isolate ${who}${fault === 'isolate' ? '' : ' from the servers only'}`);
      zone.isolate(target, { clients: fault === 'isolate' });
    }
    await delay(random.int(...o.faultMs));
    if (fault === 'kill') {
      await zone.start(target);
      history.fault(`restarted server ${target}`);
    } else {
      zone.heal(target);
      history.fault(`healed server ${target}`);
    }
  }
}
