// A 3-server HA zone on loopback beside a 3-member etcd cluster started in the same run:
// - committed writes per second and p50/p99 latency at 1, 16 and 64 clients
//   (one.group.allocate sent to the leader; etcd: POST /v3/kv/put to its leader). Both are
//   first warmed up alike, with BENCH_RAFT_WARMUP_MS (30000 by default) of writes from 16
//   clients: a daemon runs for weeks, and a freshly started one still runs much of its code
//   unoptimized (here the zone's CPU per write fell by about half over its first 30 s of
//   load). Then the zone and etcd take turns: for each client count, BENCH_RAFT_ROUNDS rounds
//   (3 by default) of BENCH_DURATION_MS (2000 by default) on the zone, then on etcd; each
//   figure is the median of its rounds, so that a machine whose speed drifts during the run
//   weighs on both alike;
// - CPU time per committed write over those rounds, of the leader, of each follower and, on
//   MariaDB, of the database server (user + system time from /proc; ratio = OneKit's total /
//   etcd's, so below 1 is less CPU): it tells where the time of a write goes;
// - failover: from kill -9 of the leader to the first acknowledged write (sent to every
//   surviving server until one acknowledges), median of 5 rounds, with oned's default
//   timeouts (ELECTION 5000 / BROADCAST 500) and short ones (1000 / 100), beside etcd with
//   its defaults (1000 / 100) and with the same timeouts.
// The write figures are taken on SQLite and on MariaDB (one scratch server, a database per
// daemon), both beside the same etcd cluster. BENCH_RAFT_FAILOVER=0 leaves the failover
// rounds out. Without an etcd executable the zone is still measured and the baselines say
// why not.
import { setTimeout as delay } from 'node:timers/promises';
import { encodeMethodCall } from '@onekit/core';
import { ONEADMIN_PASSWORD } from '../test/support/daemon.js';
import { HaZone } from '../test/support/ha-zone.js';
import { TrialClient } from '../packages/daemon/test/support/zone-trial/trial-client.js';
import {
  trialDatabases,
  type Backend,
} from '../packages/daemon/test/support/zone-trial/trial-databases.js';
import { EtcdCluster, findEtcd, isPutOk, type EtcdTimeouts } from './support/etcd-cluster.js';
import { runLoad, type LoadResult } from './support/http-load.js';
import { fmt, median, type Figure } from './support/measure.js';
import { cpuDuring } from './support/process-cpu.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 2000);
const WRITE_ROUNDS = Number(process.env.BENCH_RAFT_ROUNDS ?? 3);
const WARMUP_MS = Number(process.env.BENCH_RAFT_WARMUP_MS ?? 30_000);
const WARMUP_CLIENTS = 16;
const FAILOVER = process.env.BENCH_RAFT_FAILOVER !== '0';
const CLIENTS = [1, 16, 64];
const SHORT: EtcdTimeouts = { electionMs: 1000, heartbeatMs: 100 };
const ONED_DEFAULT: EtcdTimeouts = { electionMs: 5000, heartbeatMs: 500 };
/** Failover rounds: an election timeout is drawn anew in each, so few rounds scatter widely. */
const FAILOVER_ROUNDS = 5;
/**
 * A failover attempt's wait for etcd's answer. An etcd member without a leader holds a put
 * until one is elected (oned's followers refuse at once), so the first put acknowledged
 * after the election comes at most this late; with a 2 s wait the figure stepped at
 * multiples of 2 s.
 */
const ETCD_FAILOVER_PUT_MS = 100;
/** About the size of the SQL entry a group allocation commits. */
const ETCD_VALUE = 'x'.repeat(512);

const session = `oneadmin:${ONEADMIN_PASSWORD}`;
const ok = (response: string) => {
  if (!response.includes('<boolean>1</boolean>'))
    throw new Error(`call failed: ${response.slice(0, 300)}`);
};
const etcdOk = (response: string) => {
  if (!isPutOk(response)) throw new Error(`put failed: ${response.slice(0, 300)}`);
};
const describe = (r: LoadResult) =>
  `${fmt.rate(r.rps, 'writes/s')} (p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms)`;

/**
 * The CPU time processes used over a round, in ms: the leader's, the followers', and that of
 * the database server the zone's servers share (MariaDB), if any.
 */
interface RoundCpu {
  leader: number;
  followers: number[];
  database?: number;
}

interface Round {
  load: LoadResult;
  cpu: RoundCpu;
}

/** The CPU of `leader`, `followers` and `database` (pids) while `work` runs. */
async function roundCpu(
  pids: { leader: number; followers: number[]; database?: number | undefined },
  work: () => Promise<LoadResult>,
): Promise<Round> {
  const { leader, followers, database } = pids;
  const measured = [leader, ...followers, ...(database === undefined ? [] : [database])];
  const { result, cpu } = await cpuDuring(measured, work);
  return {
    load: result,
    cpu: {
      leader: cpu[0]!,
      followers: cpu.slice(1, 1 + followers.length),
      ...(database !== undefined && { database: cpu.at(-1)! }),
    },
  };
}

/** CPU time per write of each process over the rounds: their CPU time / their writes. */
function cpuPerWrite(rounds: readonly Round[]): RoundCpu {
  const writes = rounds.reduce((sum, r) => sum + r.load.requests, 0);
  const per = (pick: (c: RoundCpu) => number) =>
    rounds.reduce((sum, r) => sum + pick(r.cpu), 0) / writes;
  const first = rounds[0]!.cpu;
  return {
    leader: per((c) => c.leader),
    followers: first.followers.map((_, i) => per((c) => c.followers[i]!)),
    ...(first.database !== undefined && { database: per((c) => c.database!) }),
  };
}

const cpuTotal = (c: RoundCpu) =>
  c.leader + c.followers.reduce((a, b) => a + b, 0) + (c.database ?? 0);
const describeCpu = (c: RoundCpu) =>
  `${cpuTotal(c).toFixed(2)} ms (leader ${c.leader.toFixed(2)}, followers ` +
  `${c.followers.map((f) => f.toFixed(2)).join(' + ')}` +
  `${c.database === undefined ? '' : `, MariaDB ${c.database.toFixed(2)}`})`;
const timeouts = (t: EtcdTimeouts) => `${t.electionMs}/${t.heartbeatMs}`;

async function startZone(
  t: EtcdTimeouts,
  databases: Awaited<ReturnType<typeof trialDatabases>>,
): Promise<HaZone> {
  const zone = await HaZone.create({
    servers: 3,
    electionTimeoutMs: t.electionMs,
    ...(databases.conf && { conf: databases.conf }),
    copyDatabase: databases.copyDatabase,
  });
  await zone.startAll();
  await writeOnLeader(zone, 'warm-up', 4 * t.electionMs + 10_000);
  return zone;
}

/** A write acknowledged by the leader (retried while the zone elects or reconciles). */
async function writeOnLeader(zone: HaZone, name: string, deadlineMs: number): Promise<void> {
  const until = performance.now() + deadlineMs;
  while (performance.now() < until) {
    const leader = await zone.waitForLeader({ deadlineMs });
    const r = await zone
      .process(leader)
      .client.call('one.group.allocate', session, `${name}-${performance.now()}`);
    if (r.ok) return;
    await delay(20);
  }
  throw new Error(`no write acknowledged within ${deadlineMs} ms`);
}

/** When the first of `attempts` (each retried in its own loop) succeeds. */
async function firstSuccess(
  attempts: (() => Promise<boolean>)[],
  deadlineMs = 60_000,
): Promise<number> {
  let done: number | undefined;
  const until = performance.now() + deadlineMs;
  await Promise.race(
    attempts.map(async (attempt) => {
      while (done === undefined && performance.now() < until) {
        if (await attempt()) done ??= performance.now();
        else await delay(10);
      }
    }),
  );
  while (done === undefined && performance.now() < until) await delay(10);
  if (done === undefined) throw new Error(`nothing acknowledged within ${deadlineMs} ms`);
  return done;
}

/** A zone under load, and the database server its servers share, if any. */
interface BenchZone {
  zone: HaZone;
  databasePid: number | undefined;
}

/** `round` tells the group names of each round apart: a name is taken once. */
async function zoneWrites(
  { zone, databasePid }: BenchZone,
  clients: number,
  round: number | string,
  durationMs = DURATION_MS,
): Promise<Round> {
  const leader = await zone.waitForLeader();
  const root = zone.roots[leader]!;
  const followers = [0, 1, 2].filter((id) => id !== leader).map((id) => zone.process(id).pid);
  return roundCpu({ leader: zone.process(leader).pid, followers, database: databasePid }, () =>
    runLoad({
      host: root.host,
      port: root.port,
      clients,
      durationMs,
      body: (n) =>
        encodeMethodCall('one.group.allocate', [session, `bench-${clients}-${round}-${n}`]),
      check: ok,
    }),
  );
}

async function etcdWrites(
  cluster: EtcdCluster,
  clients: number,
  durationMs = DURATION_MS,
): Promise<Round> {
  const leader = await cluster.waitForLeader();
  const { host, port } = cluster.endpoints[leader]!;
  const pid = (i: number) => cluster.pid(i)!;
  const followers = [0, 1, 2].filter((i) => i !== leader).map(pid);
  return roundCpu({ leader: pid(leader), followers }, () =>
    runLoad({
      host,
      port,
      clients,
      durationMs,
      path: '/v3/kv/put',
      contentType: 'application/json',
      body: (n) => EtcdCluster.putBody(`bench/${clients}/${n}`, ETCD_VALUE),
      check: etcdOk,
    }),
  );
}

/** Rounds of: kill -9 the leader, time the first acknowledged write, start it again. */
async function zoneFailover(zone: HaZone, rounds: number, t: EtcdTimeouts): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const leader = await zone.waitForLeader({ deadlineMs: 4 * t.electionMs + 10_000 });
    const survivors = [0, 1, 2].filter((id) => id !== leader);
    const clients = survivors.map(
      (id) => new TrialClient(zone.roots[id]!.endpoint, session, 2 * t.electionMs),
    );
    const killed = performance.now();
    await zone.stop(leader, 'SIGKILL');
    let n = 0;
    const acked = await firstSuccess(
      clients.map(
        (c) => async () =>
          (await c.call('one.group.allocate', `failover-${round}-${n++}`)).kind === 'ok',
      ),
    );
    samples.push(acked - killed);
    for (const c of clients) c.close();
    await zone.start(leader);
    await writeOnLeader(zone, `settle-${round}`, 4 * t.electionMs + 10_000);
  }
  return samples;
}

async function etcdFailover(cluster: EtcdCluster, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const leader = await cluster.waitForLeader();
    const survivors = [0, 1, 2].filter((i) => i !== leader);
    const killed = performance.now();
    cluster.kill(leader);
    let n = 0;
    const acked = await firstSuccess(
      survivors.map(
        (i) => () => cluster.put(i, `failover/${round}/${n++}`, 'x', ETCD_FAILOVER_PUT_MS),
      ),
    );
    samples.push(acked - killed);
    cluster.restart(leader);
    await cluster.waitForLeader();
    await firstSuccess([() => cluster.put(leader, `settle/${round}`, 'x', 2000)]);
  }
  return samples;
}

/** Runs `measure` beside a fresh etcd cluster, or without one when there is no etcd. */
async function withEtcd<T>(
  t: EtcdTimeouts,
  measure: (cluster: EtcdCluster | undefined) => Promise<T>,
): Promise<T> {
  const etcd = findEtcd();
  if ('missing' in etcd) return measure(undefined);
  const cluster = await EtcdCluster.start(etcd.path, t);
  try {
    return await measure(cluster);
  } finally {
    cluster.stop();
  }
}

let zones = 0;

async function withZone<T>(
  t: EtcdTimeouts,
  measure: (bench: BenchZone) => Promise<T>,
  backend: Backend = 'sqlite',
): Promise<T> {
  const databases = await trialDatabases(backend, `onekit_bench_${process.pid}_${++zones}`);
  const zone = await startZone(t, databases);
  try {
    return await measure({ zone, databasePid: databases.serverPid });
  } finally {
    await zone.stopAll();
    zone.remove();
    await databases.drop();
  }
}

const skipped = (x: unknown): x is { skipped: string } =>
  typeof x === 'object' && x !== null && 'skipped' in x;

function failoverFigure(
  what: string,
  mine: number[],
  base: number[] | { skipped: string },
  etcdLabel: string,
): Figure {
  const value = `${fmt.ms(median(mine))} (${mine.map((s) => s.toFixed(0)).join(', ')})`;
  if (skipped(base))
    return {
      bench: 'raft-zone',
      case: what,
      value,
      baseline: `etcd skipped: ${base.skipped}`,
      ratio: '-',
    };
  return {
    bench: 'raft-zone',
    case: what,
    value,
    baseline: `etcd ${etcdLabel} ${fmt.ms(median(base))}`,
    ratio: fmt.ratio(median(mine) / median(base)),
  };
}

/** The median of each of the rounds' figures. */
function medianLoad(rounds: readonly Round[]): LoadResult {
  const loads = rounds.map((r) => r.load);
  return {
    rps: median(loads.map((r) => r.rps)),
    p50: median(loads.map((r) => r.p50)),
    p99: median(loads.map((r) => r.p99)),
    requests: loads.reduce((sum, r) => sum + r.requests, 0),
  };
}

/** The same unmeasured load on each zone and on the etcd cluster, before it is measured. */
async function warmUp(target: BenchZone | EtcdCluster): Promise<void> {
  if (WARMUP_MS <= 0) return;
  if (target instanceof EtcdCluster) await etcdWrites(target, WARMUP_CLIENTS, WARMUP_MS);
  else await zoneWrites(target, WARMUP_CLIENTS, 'warm-up', WARMUP_MS);
}

/** The zone's rounds of writes and etcd's at `clients`, in turns. */
async function writesInTurns(
  zone: BenchZone,
  cluster: EtcdCluster | undefined,
  clients: number,
): Promise<{ mine: Round[]; base: Round[] | undefined }> {
  const mine: Round[] = [];
  const base: Round[] = [];
  for (let round = 0; round < WRITE_ROUNDS; round++) {
    mine.push(await zoneWrites(zone, clients, round));
    if (cluster) base.push(await etcdWrites(cluster, clients));
  }
  return { mine, base: cluster ? base : undefined };
}

export async function raftZone(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const etcd = findEtcd();
  if ('missing' in etcd)
    process.stderr.write(`raft-zone: etcd baselines skipped: ${etcd.missing}\n`);
  const etcdMissing = 'missing' in etcd ? etcd.missing : undefined;

  // Short timeouts: the write figures in turns with etcd, then failover rounds, on the same
  // zone and cluster.
  let zoneShortFailover: number[] = [];
  const etcdShort = await withEtcd(SHORT, async (cluster) => {
    // One cluster serves both backends: it is warmed up once.
    if (cluster) await warmUp(cluster);
    for (const [label, backend] of [
      ['SQLite', 'sqlite'],
      ['MariaDB', 'mysql'],
    ] as const) {
      await withZone(
        SHORT,
        async (bench) => {
          await warmUp(bench);
          const cpuFigures: Figure[] = [];
          for (const clients of CLIENTS) {
            const { mine, base } = await writesInTurns(bench, cluster, clients);
            const [rate, baseRate] = [medianLoad(mine), base && medianLoad(base)];
            figures.push({
              bench: 'raft-zone',
              case: `committed writes x${clients} (3 servers, ${label})`,
              value: describe(rate),
              baseline: baseRate ? `etcd ${describe(baseRate)}` : `etcd skipped: ${etcdMissing}`,
              ratio: baseRate ? fmt.ratio(rate.rps / baseRate.rps) : '-',
            });
            const [cpu, baseCpu] = [cpuPerWrite(mine), base && cpuPerWrite(base)];
            cpuFigures.push({
              bench: 'raft-zone',
              case: `CPU per write x${clients} (3 servers, ${label})`,
              value: describeCpu(cpu),
              baseline: baseCpu ? `etcd ${describeCpu(baseCpu)}` : `etcd skipped: ${etcdMissing}`,
              ratio: baseCpu ? fmt.ratio(cpuTotal(cpu) / cpuTotal(baseCpu)) : '-',
            });
          }
          figures.push(...cpuFigures);
          if (FAILOVER && backend === 'sqlite')
            zoneShortFailover = await zoneFailover(bench.zone, FAILOVER_ROUNDS, SHORT);
        },
        backend,
      );
    }
    return FAILOVER && cluster ? etcdFailover(cluster, FAILOVER_ROUNDS) : undefined;
  });
  if (!FAILOVER) return figures;

  const zoneLong = await withZone(ONED_DEFAULT, ({ zone }) =>
    zoneFailover(zone, FAILOVER_ROUNDS, ONED_DEFAULT),
  );
  const etcdLong = await withEtcd(ONED_DEFAULT, async (cluster) =>
    cluster ? etcdFailover(cluster, FAILOVER_ROUNDS) : undefined,
  );
  const noEtcd = { skipped: etcdMissing ?? 'no etcd' };
  figures.push(
    failoverFigure(
      `failover ${timeouts(ONED_DEFAULT)} (oned default)`,
      zoneLong,
      etcdShort ?? noEtcd,
      `default ${timeouts(SHORT)}`,
    ),
    failoverFigure(
      `failover ${timeouts(ONED_DEFAULT)} (same timeouts)`,
      zoneLong,
      etcdLong ?? noEtcd,
      timeouts(ONED_DEFAULT),
    ),
    failoverFigure(
      `failover ${timeouts(SHORT)} (same timeouts)`,
      zoneShortFailover,
      etcdShort ?? noEtcd,
      timeouts(SHORT),
    ),
  );
  return figures;
}
