// The clients of a trial: each one, in a closed loop, writes a register (a user's template
// attribute V, with one.user.update in append mode, on any server: followers forward it),
// reads one (one.user.info), adds to a counter (one.group.allocate: the number of groups)
// or reads it (one.grouppool.info). A read goes to the server believed to lead, or to any
// server; one.zone.raftstatus just before and after tells whether a leader answered it.
import { setTimeout as delay } from 'node:timers/promises';
import type { HaZone } from '../../../../../test/support/ha-zone.js';
import type { Random } from './seeded-random.js';
import { TrialClient, type CallOutcome } from './trial-client.js';
import type { ReadRole, TrialHistory } from './trial-history.js';

export interface Register {
  readonly key: string;
  readonly uid: number;
}

export interface WorkloadOptions {
  readonly zone: HaZone;
  readonly history: TrialHistory;
  readonly random: Random;
  readonly clients: number;
  readonly registers: readonly Register[];
  /** Groups that existed before the trial: the counter's zero. */
  readonly groupsBefore: number;
  /** History time at which the clients stop starting calls. */
  readonly until: number;
  readonly timeoutMs: number;
  /** Told apart in every value and name, so that the rounds of one trial never repeat one. */
  readonly round: number;
}

const LEADER = 3;

/** The value of attribute V in a user's TEMPLATE, or null without one. */
export function registerValue(userXml: string): string | null {
  const template = /<TEMPLATE>([\s\S]*?)<\/TEMPLATE>/.exec(userXml)?.[1] ?? '';
  const v = /<V>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/V>/.exec(template);
  return v ? (v[1] ?? v[2] ?? '') : null;
}

export function groupCount(poolXml: string): number {
  return poolXml.match(/<GROUP>/g)?.length ?? 0;
}

/** One client's connections (one per server) and its view of who leads. */
export class TrialCaller {
  private readonly clients = new Map<number, TrialClient>();
  leaderHint: number | undefined;

  constructor(
    private readonly zone: HaZone,
    private readonly timeoutMs: number,
  ) {}

  client(server: number): TrialClient {
    let client = this.clients.get(server);
    if (!client) {
      client = new TrialClient(
        this.zone.endpoint(server),
        this.zone.roots[server]!.session,
        this.timeoutMs,
      );
      this.clients.set(server, client);
    }
    return client;
  }

  /** STATE and TERM of a server, as its raftstatus says; undefined without an answer. */
  async status(server: number): Promise<{ state: number; term: number } | undefined> {
    const out = await this.client(server).call('one.zone.raftstatus');
    if (out.kind !== 'ok') return undefined;
    const xml = String(out.value);
    const state = Number(/<STATE>(\d+)<\/STATE>/.exec(xml)?.[1]);
    const term = Number(/<TERM>(\d+)<\/TERM>/.exec(xml)?.[1]);
    if (state === LEADER) this.leaderHint = server;
    else if (this.leaderHint === server) this.leaderHint = undefined;
    return { state, term };
  }

  /** A read between two status calls, and which role answered it. */
  async bracketedRead(
    server: number,
    method: string,
    params: (string | number | boolean)[],
    clock: () => number,
  ): Promise<{ out: CallOutcome; invoked: number; returned: number; role: ReadRole }> {
    const before = await this.status(server);
    const invoked = clock();
    const out = await this.client(server).call(method, ...params);
    const returned = clock();
    const after = await this.status(server);
    const role: ReadRole =
      before?.state === LEADER && after?.state === LEADER && before.term === after.term
        ? 'leader'
        : before !== undefined && before.state !== LEADER
          ? 'follower'
          : 'unsure';
    return { out, invoked, returned, role };
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
  }
}

export async function runWorkload(o: WorkloadOptions): Promise<void> {
  await Promise.all(
    Array.from({ length: o.clients }, (_, client) => runClient(o, client, o.random.fork())),
  );
}

async function runClient(o: WorkloadOptions, client: number, random: Random): Promise<void> {
  const caller = new TrialCaller(o.zone, o.timeoutMs);
  const clock = () => o.history.now();
  const servers = o.zone.roots.slice(0, o.zone.servers).map((_, id) => id);
  const anyServer = () => {
    const running = servers.filter((id) => o.zone.isRunning(id));
    return random.pick(running.length > 0 ? running : servers);
  };
  const readTarget = () =>
    random.next() < 0.6 && caller.leaderHint !== undefined ? caller.leaderHint : anyServer();
  let n = 0;

  const step = async (): Promise<CallOutcome> => {
    const register = random.pick(o.registers);
    const dice = random.next();
    if (dice < 0.4) {
      const server = anyServer();
      const value = `c${client}-${o.round}.${n++}`;
      const invoked = clock();
      const out = await caller
        .client(server)
        .call('one.user.update', register.uid, `V = "${value}"`, 1);
      const op = { model: 'register', op: 'write', key: register.key, value } as const;
      o.history.record({ ...op, client, server, invoked }, out, clock());
      return out;
    }
    if (dice < 0.5) {
      const server = anyServer();
      const invoked = clock();
      const out = await caller
        .client(server)
        .call('one.group.allocate', `trial-c${client}-${o.round}.${n++}`);
      const op = { model: 'counter', op: 'add', key: 'groups', value: 1 } as const;
      o.history.record({ ...op, client, server, invoked }, out, clock());
      return out;
    }
    const server = readTarget();
    const counter = dice < 0.6;
    const r = counter
      ? await caller.bracketedRead(server, 'one.grouppool.info', [], clock)
      : await caller.bracketedRead(server, 'one.user.info', [register.uid, false], clock);
    const xml = r.out.kind === 'ok' ? String(r.out.value) : undefined;
    const value =
      xml === undefined
        ? undefined
        : counter
          ? groupCount(xml) - o.groupsBefore
          : registerValue(xml);
    const op = counter
      ? ({ model: 'counter', op: 'read', key: 'groups' } as const)
      : ({ model: 'register', op: 'read', key: register.key } as const);
    o.history.record(
      { ...op, value, client, server, invoked: r.invoked, role: r.role },
      r.out,
      r.returned,
    );
    return r.out;
  };

  try {
    while (clock() < o.until) {
      // A refused or lost call is tried again after a moment, as a client would.
      if ((await step()).kind !== 'ok') await delay(random.int(50, 200));
    }
  } finally {
    caller.close();
  }
}
