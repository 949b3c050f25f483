// One simulation run, a pure function of its seed: a random phase of crashes, restarts,
// partitions, lossy delivery, client writes and reads, membership changes and purges, then
// a liveness phase where everything heals and a new write must reach every member.
import { members, type MembershipChange } from '../../../src/raft/index.js';
import { Violation, entryKey } from './checker.js';
import type { NetworkFaults } from './network.js';
import { prng, type Prng } from './prng.js';
import type { SimServer } from './server.js';
import { World, type PlantedFaults } from './world.js';

export interface SimulationOptions {
  seed: number;
  /** Voters at the start (3 or 5). */
  servers: number;
  /** Length of the random phase, in ticks. */
  ticks: number;
  faults?: PlantedFaults;
  /** Fixed event rates instead of the ones the seed draws (to provoke planted bugs). */
  rates?: Partial<Rates>;
  /** How many trace events to keep (default 50). */
  traceSize?: number;
}

export interface SimulationResult {
  readonly seed: number;
  readonly servers: number;
  readonly violation?: Violation;
  /** The last events before the end of the run, oldest first. */
  readonly trace: string[];
  readonly stats: {
    ticks: number;
    applied: bigint;
    proposals: number;
    counts: ReadonlyMap<string, number>;
  };
}

export interface Rates {
  crash: number;
  restart: number;
  partition: number;
  heal: number;
  propose: number;
  read: number;
  membership: number;
  purge: number;
  repair: number;
  /** A leader crashes after its early appends left, before its own persist (per Ready). */
  crashMidReady: number;
}

export function runSimulation(o: SimulationOptions): SimulationResult {
  const rng = prng(o.seed);
  const electionTicks = rng.int(5, 10);
  const network: NetworkFaults = {
    dropRate: rng.pick([0, 0.02, 0.1, 0.25]),
    duplicateRate: rng.pick([0, 0.05, 0.2]),
    maxDelay: rng.int(1, 4),
  };
  const world = new World({
    rng: rng.fork(),
    voters: o.servers,
    network,
    faults: o.faults,
    traceSize: o.traceSize ?? 50,
    midReadyCrashRate: o.rates?.crashMidReady ?? rng.pick([0, 0.02, 0.1]),
    config: {
      electionTicks,
      heartbeatTicks: rng.int(1, Math.min(3, electionTicks - 1)),
      maxEntriesPerAppend: rng.int(1, 8),
      maxInflightAppends: rng.int(1, 4),
      checkQuorum: true,
      preVote: rng.chance(0.5),
    },
  });
  const rates: Rates = {
    crash: rng.pick([0, 0.005, 0.02]),
    restart: 0.05,
    partition: rng.pick([0, 0.01, 0.03]),
    heal: 0.04,
    propose: rng.pick([0.1, 0.4, 0.8]),
    read: 0.05,
    membership: rng.pick([0, 0.02, 0.05]),
    purge: rng.pick([0, 0.02, 0.1]),
    repair: 0.05,
    crashMidReady: world.midReadyCrashRate,
    ...o.rates,
  };
  const sim = new Simulation(world, rng.fork(), o.servers);
  let violation: Violation | undefined;
  try {
    while (world.time < o.ticks) {
      sim.randomEvents(rates);
      world.step();
    }
    sim.converge();
    sim.checkLogsMatch();
  } catch (err) {
    if (!(err instanceof Violation)) throw err;
    violation = err;
  }
  return {
    seed: o.seed,
    servers: o.servers,
    ...(violation && { violation }),
    trace: world.trace.lines(),
    stats: {
      ticks: world.time,
      applied: world.checker.maxApplied,
      proposals: sim.proposals,
      counts: new Map([...world.counts, ['messages', world.messagesSent]]),
    },
  };
}

class Simulation {
  proposals = 0;
  private reads = 0;

  constructor(
    private readonly world: World,
    private readonly rng: Prng,
    private readonly initialVoters: number,
  ) {}

  randomEvents(rates: Rates): void {
    const { world, rng } = this;
    const live = world.running();
    const down = [...world.servers.values()].filter((s) => !s.running && !world.retired.has(s.id));
    if (live.length && rng.chance(rates.crash)) world.crash(rng.pick(live));
    if (down.length && rng.chance(rates.restart)) world.restart(rng.pick(down));
    if (rng.chance(rates.partition)) this.partition();
    if (world.network.partitioned && rng.chance(rates.heal)) {
      world.network.heal();
      world.trace.note(world.time, 'network healed');
    }
    if (rng.chance(rates.propose)) this.propose(`v${this.proposals}`);
    if (rng.chance(rates.read)) this.read();
    if (rng.chance(rates.membership)) this.changeMembership();
    if (live.length && rng.chance(rates.purge)) this.purge(rng.pick(live));
    if (rng.chance(rates.repair)) this.repair();
  }

  /** Heals everything, then a new write must reach every member of the configuration. */
  converge(): void {
    const { world } = this;
    world.midReadyCrashes = false;
    world.network.heal();
    world.network.faults = { dropRate: 0, duplicateRate: 0, maxDelay: 2 };
    for (const server of world.servers.values()) {
      if (!server.running && !world.retired.has(server.id)) world.restart(server);
    }
    world.trace.note(world.time, 'healed everything; liveness phase');
    // Time to elect, plus time for the slowest follower to fetch the whole log one
    // entry per round trip (small batches and windows are among the drawn settings).
    const longest = Math.max(
      ...[...world.servers.values()].map((s) => Number(s.storage.lastIndex())),
    );
    const deadline = world.time + 60 * world.config.electionTicks + 8 * longest;
    const probe = 'final';
    let proposedInTerm = -1;
    while (world.time < deadline) {
      world.step();
      const leader = world.leaders()[0];
      if (!leader) continue;
      // A voter that needs a reset may be what keeps the leader from committing its no-op.
      this.repairFrom(leader);
      const status = leader.core?.status();
      if (!status || status.reconciling) continue;
      if (status.term !== proposedInTerm && leader.core?.propose(probe).ok) {
        proposedInTerm = status.term;
        world.drain(leader);
      }
      const index = world.checker.appliedIndexOf(
        entryKey({ index: 0n, term: 0, data: { kind: 'data', value: probe } }),
      );
      if (index === undefined) continue;
      const done = members(status.membership).every(
        (id) => (world.servers.get(id)?.storage.initialState().applied ?? 0n) >= index,
      );
      if (done) return;
    }
    const leaders = world.leaders().map((s) => `#${s.id}`);
    throw new Violation(
      'liveness',
      `no new write reached every member (leaders: ${leaders.join(', ') || 'none'})`,
    );
  }

  /** Log matching over whole logs: where two logs agree on a term they agree before it. */
  checkLogsMatch(): void {
    const servers = [...this.world.servers.values()];
    for (let i = 0; i < servers.length; i++) {
      for (let j = i + 1; j < servers.length; j++) compareLogs(servers[i], servers[j]);
    }
  }

  private partition(): void {
    const { world, rng } = this;
    const ids = [...world.servers.keys()];
    const groups = new Map<number, number>();
    const isolated = rng.pick(ids);
    const split = rng.chance(0.5);
    for (const id of ids) groups.set(id, split ? rng.int(0, 1) : id === isolated ? 1 : 0);
    world.network.partition(groups);
    world.count('partitions');
    world.trace.note(
      world.time,
      `partition ${ids.map((id) => `#${id}:${groups.get(id)}`).join(' ')}`,
    );
  }

  private propose(value: string): void {
    const leader = this.rng.pick(this.world.leaders());
    const result = leader?.core?.propose(value);
    if (!leader || !result) return;
    this.proposals++;
    this.world.trace.note(
      this.world.time,
      `propose ${value}: ${result.ok ? `at ${result.index}` : result.reason}`,
      leader.id,
    );
    this.world.drain(leader);
  }

  private read(): void {
    const leader = this.rng.pick(this.world.leaders());
    const context = `read${this.reads++}`;
    const result = leader?.core?.readIndex(context);
    if (!leader || !result?.ok) return;
    this.world.checker.readRequested(context);
    this.world.drain(leader);
  }

  private changeMembership(): void {
    const { world, rng } = this;
    const leader = world.leaders()[0];
    const status = leader?.core?.status();
    if (!leader || !status || status.reconciling) return;
    const { voters, learners } = status.membership;
    let change: MembershipChange | undefined;
    const kind = rng.int(0, 2);
    if (kind === 0 && voters.length + learners.length < this.initialVoters + 2) {
      const idle = world.idleSpares().filter((spare) => spare.running);
      const spare = idle.length ? rng.pick(idle) : world.addSpare(leader);
      change = { type: 'add-learner', id: spare.id };
    } else if (kind === 1 && learners.length) {
      change = { type: 'promote', id: rng.pick(learners) };
    } else if (kind === 2) {
      change = { type: 'remove', id: rng.pick(members(status.membership)) };
    }
    if (!change || !leader.core) return;
    const force = rng.chance(0.1);
    const result = leader.core.proposeMembership(change, { force });
    world.trace.note(
      world.time,
      `propose ${change.type}(${change.id})${force ? ' forced' : ''}: ${result.ok ? `at ${result.index}` : result.reason}`,
      leader.id,
    );
    world.drain(leader);
  }

  private purge(server: SimServer): void {
    const { applied } = server.storage.initialState();
    const upTo = applied - BigInt(this.rng.int(0, 10));
    if (upTo < server.storage.firstIndex()) return;
    server.storage.compact(upTo);
    this.world.count('purges');
    this.world.trace.note(this.world.time, `purged up to ${upTo}`, server.id);
  }

  private repair(): void {
    const leader = this.world.leaders()[0];
    if (leader) this.repairFrom(leader);
  }

  /** The operator's answer to 'needs-reset': copy the leader's database, reset the server. */
  private repairFrom(leader: SimServer): void {
    const { world } = this;
    const status = leader.core?.status();
    if (!status) return;
    for (const pr of status.progress) {
      const target = world.servers.get(pr.id);
      if (pr.state !== 'needs-reset' || !target || world.retired.has(pr.id)) continue;
      // A copy from a leader whose term is behind the target's could undo what the
      // target acknowledged in a later term; the operator copies from the current leader.
      if (target.storage.initialState().hardState.term > status.term) continue;
      world.copyDatabase(leader, target);
      leader.core?.resetServer(pr.id);
      world.trace.note(world.time, `server-reset #${pr.id}`, leader.id);
      world.count('server resets');
      world.drain(leader);
    }
  }
}

function compareLogs(a: SimServer, b: SimServer): void {
  const lo = [a.storage.firstIndex(), b.storage.firstIndex()].reduce((x, y) => (x > y ? x : y));
  const hi = [a.storage.lastIndex(), b.storage.lastIndex()].reduce((x, y) => (x < y ? x : y));
  let agreeFrom: bigint | undefined;
  for (let i = hi; i >= lo; i--) {
    const [ea] = a.storage.entries(i, i + 1n);
    const [eb] = b.storage.entries(i, i + 1n);
    if (agreeFrom === undefined && ea.term === eb.term) agreeFrom = i;
    if (agreeFrom !== undefined && (ea.term !== eb.term || entryKey(ea) !== entryKey(eb))) {
      throw new Violation(
        'log-matching',
        `#${a.id} and #${b.id} agree on ${agreeFrom}/${a.storage.term(agreeFrom)} but differ at ${i}`,
      );
    }
  }
}
