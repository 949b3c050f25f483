// Federation lag on loopback: a solo master and one solo slave (SQLite), federated writes
// offered open-loop at about 10 and 1,000 writes/s: one.user.update of one of 64 users
// created first, in turn. (Allocations into one group are serialised by the group's member
// list, as oned serialises them, so they cannot be offered at 1,000 writes/s on a master of
// this machine; updates of different users run side by side and share commits.)
// - baseline: commit latency on the master, from sending a write to its acknowledgement;
// - lag: the master's and the slave's FEDLOG_INDEX are each polled back to back; for every
//   master sample (the master has committed up to index i when its answer arrives), the
//   time until the first slave sample at or past i. Each poll is a sample time, so a lag is
//   ±1 poll; a sample the slave already held counts as lag 0. Reading the master's index
//   (rather than asking after each acknowledgement) keeps the measure from queueing behind
//   the writes when the master is saturated.
// Then the shipping throughput: entries per second a restarted slave catches up on.
// BENCH_DURATION_MS sets each rate's duration (default 3000).
import { setTimeout as delay } from 'node:timers/promises';
import { Federation } from '../test/support/federation.js';
import { RpcClient } from '../packages/daemon/test/support/rpc-client.js';
import type { DaemonProcess, DaemonRoot } from '../test/support/daemon.js';
import { fmt, percentile, type Figure } from './support/measure.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);
const RATES = [10, 1000];
/** How often the load generator looks whether writes are due. */
const TICK_MS = 2;
/** Writes the slave catches up on after a restart. */
const CATCH_UP = 1000;
/** Users the writes update in turn. */
const USERS = 64;

/** The ids of the users the writes update, created once. */
async function createUsers(master: DaemonProcess, session: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < USERS; i++) {
    ids.push(
      (await master.client.value('one.user.allocate', session, `lag-${i}`, 'pw', '')) as number,
    );
  }
  return ids;
}

/** The n-th federated write. */
function federatedWrite(client: RpcClient, session: string, users: readonly number[], n: number) {
  return client.value('one.user.update', session, users[n % users.length]!, `LAG="${n}"`, 1);
}

interface Sample {
  readonly at: number;
  readonly index: bigint;
}

async function fedlog(client: RpcClient, session: string): Promise<bigint> {
  const xml = (await client.value('one.zone.raftstatus', session)) as string;
  return BigInt(/<FEDLOG_INDEX>(\d+)</.exec(xml)![1]!);
}

/** Polls a server's FEDLOG_INDEX back to back until `stop` is set. */
async function poll(server: DaemonProcess, session: string, stop: { done: boolean }) {
  const samples: Sample[] = [];
  const client = new RpcClient(server.client.host, server.client.port, { maxSockets: 1 });
  try {
    while (!stop.done) {
      const index = await fedlog(client, session);
      samples.push({ at: performance.now(), index });
    }
  } finally {
    client.close();
  }
  return samples;
}

interface Write {
  readonly sent: number;
  readonly acked: number;
}

async function offerLoad(
  master: DaemonProcess,
  session: string,
  users: readonly number[],
  rate: number,
): Promise<Write[]> {
  const client = new RpcClient(master.client.host, master.client.port, { maxSockets: 64 });
  const writes: Promise<Write>[] = [];
  const start = performance.now();
  let issued = 0;
  const total = Math.round((rate * DURATION_MS) / 1000);
  try {
    while (issued < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      for (; issued < due; issued++) {
        const n = issued;
        writes.push(
          (async () => {
            const sent = performance.now();
            await federatedWrite(client, session, users, n);
            return { sent, acked: performance.now() };
          })(),
        );
      }
      await delay(TICK_MS);
    }
    return await Promise.all(writes);
  } finally {
    client.close();
  }
}

/** For each master sample, how long until the slave held its index. */
function lags(master: readonly Sample[], slave: readonly Sample[]): number[] {
  const out: number[] = [];
  let k = 0;
  for (const m of master) {
    while (k < slave.length && slave[k]!.index < m.index) k++;
    if (k === slave.length) break;
    out.push(Math.max(0, slave[k]!.at - m.at));
  }
  return out;
}

/**
 * Shipping throughput: the slave is stopped while the master commits CATCH_UP writes, then
 * started; the time from its start to its FEDLOG_INDEX reaching the master's (the master's
 * back-off toward the stopped slave included), and the rate once entries flow again, beside
 * the master's own commit rate.
 */
async function catchUp(
  federation: Federation,
  slaveRoot: DaemonRoot,
  users: readonly number[],
): Promise<Figure[]> {
  const master = federation.masterProcess;
  const session = federation.master.root.session;
  await federation.stop(slaveRoot);
  const client = new RpcClient(master.client.host, master.client.port, { maxSockets: 32 });
  const t0 = performance.now();
  try {
    let next = 0;
    const worker = async () => {
      while (next < CATCH_UP) await federatedWrite(client, session, users, next++);
    };
    await Promise.all(Array.from({ length: 32 }, worker));
  } finally {
    client.close();
  }
  const committedIn = (performance.now() - t0) / 1000;
  const want = await fedlog(master.client, session);
  const slave = await federation.start(slaveRoot);
  const t1 = performance.now();
  const before = await fedlog(slave.client, session);
  let first = before;
  while (first === before && first < want) first = await fedlog(slave.client, session);
  const t2 = performance.now();
  while ((await fedlog(slave.client, session)) < want) await delay(1);
  const t3 = performance.now();
  // Federated indexes are the master's log indexes: their advance per second is the rate
  // entries are applied once shipping resumed (after the master's back-off ran out).
  const shippingRate = Number(want - first) / ((t3 - t2) / 1000);
  return [
    {
      bench: 'federation-lag',
      case: `catch-up of ${CATCH_UP} writes after a slave restart: total (back-off included)`,
      value: fmt.ms(t3 - t1),
      baseline: `master committed them in ${fmt.ms(committedIn * 1000)}`,
      ratio: fmt.ratio((t3 - t1) / (committedIn * 1000)),
    },
    {
      bench: 'federation-lag',
      case: `catch-up of ${CATCH_UP} writes: shipping rate once resumed`,
      value: fmt.rate(shippingRate, 'entries/s'),
      baseline: `master commit ${fmt.rate(CATCH_UP / committedIn, 'writes/s')}`,
      ratio: fmt.ratio(shippingRate / (CATCH_UP / committedIn)),
    },
  ];
}

export async function federationLag(): Promise<Figure[]> {
  const federation = await Federation.create();
  const figures: Figure[] = [];
  try {
    const slave = await federation.addSlave('bench-slave');
    const master = federation.masterProcess;
    const session = federation.master.root.session;
    const slaveProcess = federation.process(slave.root);
    const users = await createUsers(master, session);
    await offerLoad(master, session, users, 100);
    for (const rate of RATES) {
      const stop = { done: false };
      const masterSamples = poll(master, session, stop);
      const slaveSamples = poll(slaveProcess, session, stop);
      const started = performance.now();
      const writes = await offerLoad(master, session, users, rate);
      const offeredFor = (performance.now() - started) / 1000;
      const last = await fedlog(master.client, session);
      while ((await fedlog(slaveProcess.client, session)) < last) await delay(1);
      stop.done = true;
      const lagMs = lags(await masterSamples, await slaveSamples);
      const [lag50, lag99] = [percentile(lagMs, 50), percentile(lagMs, 99)];
      const commits = writes.map((w) => w.acked - w.sent);
      const [commit50, commit99] = [percentile(commits, 50), percentile(commits, 99)];
      const achieved = writes.length / offeredFor;
      const name = `${rate} writes/s offered (${fmt.rate(achieved, 'w/s')} achieved, ${writes.length} writes)`;
      figures.push(
        {
          bench: 'federation-lag',
          case: `${name}: lag p50`,
          value: fmt.ms(lag50),
          baseline: `master commit p50 ${fmt.ms(commit50)}`,
          ratio: fmt.ratio(lag50 / commit50),
        },
        {
          bench: 'federation-lag',
          case: `${name}: lag p99`,
          value: fmt.ms(lag99),
          baseline: `master commit p99 ${fmt.ms(commit99)}`,
          ratio: fmt.ratio(lag99 / commit99),
        },
      );
    }
    figures.push(...(await catchUp(federation, slave.root, users)));
  } finally {
    await federation.stopAll();
  }
  return figures;
}
