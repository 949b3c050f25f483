// A federation to upgrade: a solo master zone and a solo slave zone, built as the
// federation guide builds them (test/support/federation.ts), then handed to a real agent
// configuration on each root (agent-root.ts) that supervises the daemon as the service
// `opennebula` and runs the real onedb, reached through the host's agent or its own sshd
// (lab-access.ts). Users are created before, through the master and through the slave.
//
// The previous release: once the users are in, each database is made to look as the
// previous release left it, beside its running daemon (test/support/previous-release.ts).
// The daemons are only restarted by the wizard, after onedb upgrade.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { AgentRoot } from '../../../agent/test/support/agent-root.js';
import type { DaemonRoot } from '../../../../test/support/daemon.js';
import { removeLeftovers } from '../../../../test/support/daemon.js';
import { eventually } from '../../../../test/support/eventually.js';
import { Federation } from '../../../../test/support/federation.js';
import { asPreviousRelease, schemaOf } from '../../../../test/support/previous-release.js';
import { RpcClient } from '../../../daemon/test/support/rpc-client.js';
import { LabAccess, type HostAccess, type LabTransport } from '../ha-wizard/lab-access.js';
import { runBin, type BinResult } from '../process/run-bin.js';

const daemonBin = fileURLToPath(new URL('../../../daemon/bin/onekit-daemon.js', import.meta.url));
const onedbBin = fileURLToPath(new URL('../../bin/onedb.js', import.meta.url));

export interface UpgradeHost extends HostAccess {
  readonly root: DaemonRoot;
  readonly agentRoot: AgentRoot;
  readonly zoneId: number;
  /** What --host takes for this server: ENDPOINT_HOST=HOST:PORT of its agent or sshd. */
  readonly mapping: string;
}

/** Runs SQL on a root's database (beside its daemon, as asPreviousRelease does). */
export function onDatabase(root: DaemonRoot, sql: string): void {
  const db = new Database(root.paths.sqliteDb, { timeout: 30_000 });
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/**
 * Every root's daemon answers, knows `users`, and shows the same FED_INDEX. (A master that
 * restarts assumes every zone holds its last federated entry, so a slave stopped before it
 * got one would only catch up at the next federated write.)
 */
export async function waitInSync(
  roots: readonly DaemonRoot[],
  users: readonly string[],
): Promise<void> {
  let seen = 'nothing';
  await eventually(
    'the federation is in sync',
    async () => {
      const indexes = new Set<string>();
      for (const root of roots) {
        seen = `no answer from ${root.endpoint}`;
        // A client per probe: one that met a refused connection does not recover.
        const rpc = new RpcClient(root.host, root.port);
        try {
          const pool = String(await rpc.value('one.userpool.info', root.session, -2, -1, -1));
          const missing = users.filter((u) => !pool.includes(`<NAME>${u}</NAME>`));
          seen = `${root.endpoint} lacks ${missing.join(', ')}`;
          if (missing.length > 0) return undefined;
          const raft = String(await rpc.value('one.zone.raftstatus', root.session));
          indexes.add(/<FEDLOG_INDEX>(-?\d+)</.exec(raft)?.[1] ?? '?');
        } finally {
          rpc.close();
        }
      }
      seen = `FED_INDEX ${[...indexes].join(', ')}`;
      return indexes.size === 1 ? true : undefined;
    },
    { deadlineMs: 60_000 },
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last seen: ${seen}`);
  });
}

export class UpgradeLab {
  private constructor(
    private readonly federation: Federation,
    readonly hosts: readonly UpgradeHost[],
    private readonly admin: string,
    private readonly access: LabAccess,
  ) {}

  /**
   * Master (host 0) and one slave zone (host 1), `users` created before, at the previous
   * release; reached through `transport` (agent unless given).
   */
  static async start(o: {
    users: readonly string[];
    transport?: LabTransport;
  }): Promise<UpgradeLab> {
    const federation = await Federation.create();
    const slave = await federation.addSlave('slave-zone');
    const members = [federation.master, slave];
    const session = federation.master.root.session;
    const [first, ...rest] = o.users;
    // One through the slave (forwarded to the master), the rest on the master.
    if (first !== undefined) {
      await federation
        .process(slave.root)
        .client.value('one.user.allocate', session, first, 'pw', '');
    }
    for (const name of rest) {
      await federation.masterProcess.client.value('one.user.allocate', session, name, 'pw', '');
    }
    await waitInSync(
      members.map((m) => m.root),
      o.users,
    );
    for (const m of [slave, federation.master]) await federation.stop(m.root);

    const hosts: UpgradeHost[] = [];
    const admin = mkdtempSync(join(tmpdir(), 'onekit-upgrade-'));
    const access = await LabAccess.create({ transport: o.transport ?? 'agent', dir: admin });
    const lab = new UpgradeLab(federation, hosts, admin, access);
    try {
      await lab.attachHosts(members, hosts);
      for (const i of hosts.keys()) await lab.service(i, 'start');
      await lab.waitInSync(o.users);
    } catch (err) {
      await lab.close();
      throw err;
    }
    for (const h of hosts) asPreviousRelease(h.root.paths.sqliteDb);
    return lab;
  }

  private async attachHosts(
    members: readonly { root: DaemonRoot; zoneId: number }[],
    hosts: UpgradeHost[],
  ): Promise<void> {
    for (const m of members) {
      const agentRoot = await AgentRoot.create({
        dir: m.root.dir,
        host: m.root.host,
        services: { opennebula: { command: process.execPath, args: [daemonBin] } },
        onedb: { command: process.execPath, args: [onedbBin] },
        extraConfig: `allowed_roots: ${JSON.stringify([
          m.root.paths.etc,
          m.root.paths.oneDir,
          join(m.root.paths.var, 'backups', 'ha'),
        ])}\n`,
      });
      const reached = await this.access.attach(agentRoot);
      hosts.push({
        root: m.root,
        agentRoot,
        zoneId: m.zoneId,
        mapping: `${m.root.host}=${reached.spec}`,
        ...reached,
      });
    }
  }

  /** A call to host i's daemon, as oneadmin. */
  async call(i: number, method: string, ...params: (string | number)[]): Promise<unknown> {
    const h = this.hosts[i]!;
    const rpc = new RpcClient(h.root.host, h.root.port);
    try {
      return await rpc.value(method, this.session, ...params);
    } finally {
      rpc.close();
    }
  }

  get session(): string {
    return this.hosts[0]!.root.session;
  }

  async service(i: number, action: 'start' | 'stop'): Promise<void> {
    const transport = this.hosts[i]!.transport();
    try {
      await transport.service(action, 'opennebula');
    } finally {
      await transport.close();
    }
  }

  /** Every server answers, knows `users`, and shows the same FED_INDEX. */
  waitInSync(users: readonly string[]): Promise<void> {
    return waitInSync(
      this.hosts.map((h) => h.root),
      users,
    );
  }

  /** The schema versions in host i's database: [shared, local]. */
  schema(i: number): [string, string] {
    return schemaOf(this.hosts[i]!.root.paths.sqliteDb);
  }

  /** `onezone <args>` against the master, as oneadmin, with run records in the admin's root. */
  onezone(args: readonly string[]): Promise<BinResult> {
    const root = this.hosts[0]!.root;
    return runBin('onezone', args, {
      env: {
        ONE_XMLRPC: root.endpoint,
        ONE_AUTH: root.paths.oneAuth,
        HOME: join(this.admin, 'home'),
        ONE_LOCATION: this.admin,
      },
    });
  }

  /** --host for every server, the lab's transport, short waits. */
  hostFlags(o: { waitSeconds?: number } = {}): string[] {
    return [
      ...this.hosts.flatMap((h) => ['--host', h.mapping]),
      ...this.access.flags(),
      '--wait-timeout',
      String(o.waitSeconds ?? 40),
    ];
  }

  runRecord(): { state: string; done: { name: string }[]; failure?: { step: string } } {
    const file = join(
      this.admin,
      'var',
      '.onekit',
      'runs',
      'onezone-upgrade-apply-federation.json',
    );
    return JSON.parse(readFileSync(file, 'utf8')) as ReturnType<UpgradeLab['runRecord']>;
  }

  async close(): Promise<void> {
    for (const h of this.hosts) {
      await h.agentRoot.remove();
    }
    await this.federation.stopAll();
    await this.access.close();
    rmSync(this.admin, { recursive: true, force: true });
    removeLeftovers();
  }
}
