// The steps around a trial's busy part: making the registers before it, and after it one
// more read of everything by a leader and the check that every server holds the same state.
import { eventually } from '../../../../../test/support/eventually.js';
import type { HaZone } from '../../../../../test/support/ha-zone.js';
import type { TrialHistory } from './trial-history.js';
import { TrialCaller, groupCount, registerValue, type Register } from './workload.js';

export interface TrialSetup {
  readonly registers: readonly Register[];
  readonly groupsBefore: number;
}

/** The success value of a call on the leader, retried while the zone elects or reconciles. */
function onLeader(
  zone: HaZone,
  method: string,
  ...params: (string | number | boolean | unknown[])[]
) {
  return eventually(`${method} on the leader`, async () => {
    const leader = await zone.waitForLeader();
    const r = await zone
      .process(leader)
      .client.call(method, zone.roots[leader]!.session, ...(params as never[]));
    return r.ok ? r.value : undefined;
  });
}

export async function prepareZone(zone: HaZone, registers: number): Promise<TrialSetup> {
  const made: Register[] = [];
  for (let i = 0; i < registers; i++) {
    const uid = await onLeader(zone, 'one.user.allocate', `trial-register-${i}`, 'secret', '', []);
    made.push({ key: `r${i}`, uid: uid as number });
  }
  const pool = await onLeader(zone, 'one.grouppool.info');
  return { registers: made, groupsBefore: groupCount(String(pool)) };
}

/** Reads every register and the counter once more, each on a server that led throughout. */
export async function finalReads(
  zone: HaZone,
  history: TrialHistory,
  setup: TrialSetup,
  timeoutMs: number,
): Promise<void> {
  const caller = new TrialCaller(zone, timeoutMs);
  const clock = () => history.now();
  const readOnLeader = (
    what: string,
    method: string,
    params: (number | boolean)[],
    read: (xml: string) => unknown,
    op: { model: 'register' | 'counter'; key: string },
  ) =>
    eventually(`a final leader read of ${what}`, async () => {
      const leader = await zone.waitForLeader();
      const r = await caller.bracketedRead(leader, method, params, clock);
      const value = r.out.kind === 'ok' ? read(String(r.out.value)) : undefined;
      history.record(
        {
          ...op,
          op: 'read',
          value,
          client: 'final',
          server: leader,
          invoked: r.invoked,
          role: r.role,
        },
        r.out,
        r.returned,
      );
      return r.role === 'leader' && r.out.kind === 'ok' ? true : undefined;
    });
  try {
    for (const register of setup.registers) {
      await readOnLeader(register.key, 'one.user.info', [register.uid, false], registerValue, {
        model: 'register',
        key: register.key,
      });
    }
    await readOnLeader(
      'the counter',
      'one.grouppool.info',
      [],
      (xml) => groupCount(xml) - setup.groupsBefore,
      { model: 'counter', key: 'groups' },
    );
  } finally {
    caller.close();
  }
}

/** Commits a state check and compares the hash every server computes at its index. */
export async function sameStateEverywhere(zone: HaZone): Promise<void> {
  const index = (await onLeader(zone, 'onekit.zone.statecheck')) as bigint;
  const servers = zone.roots.slice(0, zone.servers).map((_, id) => id);
  const hashes = await Promise.all(
    servers.map((id) =>
      eventually(`the state check on server ${id}`, async () => {
        const r = await zone
          .process(id)
          .client.call('onekit.zone.statehash', zone.roots[id]!.session);
        const v = r.ok ? (r.value as { INDEX: bigint; HASH: string }) : undefined;
        return v?.INDEX === index ? v.HASH : undefined;
      }),
    ),
  );
  if (new Set(hashes).size !== 1) {
    throw new Error(
      `the servers end in different states: ${servers.map((id) => `${id}=${hashes[id]}`).join(', ')}`,
    );
  }
}
