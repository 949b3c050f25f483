// Front-ends for the HA wizard scenarios: each a real daemon root (test/support/daemon.ts)
// on its own 127.0.0.x address, all on the same port as real servers are, with a real
// agent configuration over the same root (agent-root.ts) that supervises the daemon as the
// service `opennebula` and runs the real onedb. The hosts are reached through their agents
// or their own sshds (lab-access.ts). Server 0 runs solo; the others are empty hosts.
// The wizards run as `onezone` processes, as an administrator would run them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgentRoot } from '../../../agent/test/support/agent-root.js';
import { RpcClient } from '../../../daemon/test/support/rpc-client.js';
import { DaemonRoot, removeLeftovers, type ConfChange } from '../../../../test/support/daemon.js';
import type { HostTransport } from '../../src/transport/host-transport.js';
import { eventually } from '../zone/ha-fixture.js';
import { runBin, type BinResult } from '../process/run-bin.js';
import { LabAccess, type LabTransport } from './lab-access.js';

const daemonBin = fileURLToPath(new URL('../../../daemon/bin/onekit-daemon.js', import.meta.url));
const onedbBin = fileURLToPath(new URL('../../bin/onedb.js', import.meta.url));

export interface LabHost {
  readonly root: DaemonRoot;
  readonly agentRoot: AgentRoot;
  /** What --host and --from take: HOST:PORT of the host's agent or sshd. */
  readonly spec: string;
  readonly rpc: RpcClient;
  transport(): HostTransport;
}

export interface ZoneProgress {
  SERVER_ID: number;
  STATE: number;
  COMMIT: bigint;
  APPLIED: bigint;
  FIRST_INDEX: bigint;
  VOTERS: { ID: number; NAME: string }[];
  LEARNERS: { ID: number }[];
  FOLLOWERS: { ID: number; MATCH: bigint; REPLICATION: string }[];
}

export class WizardLab {
  private constructor(
    readonly hosts: readonly LabHost[],
    private readonly admin: string,
    private readonly access: LabAccess,
  ) {}

  /** `transport` (agent unless given) is how the lab and the wizards reach the hosts. */
  static async start(o: {
    hosts: number;
    conf?: ConfChange;
    transport?: LabTransport;
  }): Promise<WizardLab> {
    const conf: ConfChange = (c) => {
      c.raft.electionTimeoutMs = 1500;
      c.raft.broadcastTimeoutMs = 150;
      c.raft.xmlrpcTimeoutMs = 1500;
      o.conf?.(c);
    };
    const roots: DaemonRoot[] = [await DaemonRoot.create({ conf })];
    for (let i = 1; i < o.hosts; i++) {
      roots.push(await DaemonRoot.create({ conf, port: roots[0]!.port }));
    }
    const admin = mkdtempSync(join(tmpdir(), 'onekit-wizard-admin-'));
    const access = await LabAccess.create({ transport: o.transport ?? 'agent', dir: admin });
    const hosts: LabHost[] = [];
    const lab = new WizardLab(hosts, admin, access);
    for (const root of roots) {
      const agentRoot = await AgentRoot.create({
        dir: root.dir,
        host: root.host,
        services: { opennebula: { command: process.execPath, args: [daemonBin] } },
        onedb: { command: process.execPath, args: [onedbBin] },
        extraConfig: `allowed_roots: ${JSON.stringify([
          root.paths.etc,
          root.paths.oneDir,
          join(root.paths.var, 'backups', 'ha'),
        ])}\n`,
      });
      const reached = await access.attach(agentRoot);
      hosts.push({ root, agentRoot, rpc: new RpcClient(root.host, root.port), ...reached });
    }
    await lab.startDaemon(0);
    return lab;
  }

  /** Starts host i's daemon through its agent and waits until it answers. */
  async startDaemon(i: number): Promise<void> {
    const transport = this.hosts[i]!.transport();
    try {
      await transport.service('start', 'opennebula');
    } finally {
      await transport.close();
    }
    await this.waitAnswering(i);
  }

  async stopDaemon(i: number): Promise<void> {
    const transport = this.hosts[i]!.transport();
    try {
      await transport.service('stop', 'opennebula');
    } finally {
      await transport.close();
    }
  }

  async waitAnswering(i: number): Promise<void> {
    await eventually(`server ${i} answers`, async () =>
      (await this.hosts[i]!.rpc.call('one.zone.info', this.session, 0)).ok ? true : undefined,
    );
  }

  get session(): string {
    return this.hosts[0]!.root.session;
  }

  endpoint(i: number): string {
    return this.hosts[i]!.root.endpoint;
  }

  /** `onezone <args>` against the zone (server 0's endpoint), as oneadmin. */
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

  /** The flags every wizard run here takes: the lab's transport, short waits. */
  wizardFlags(o: { waitSeconds?: number } = {}): string[] {
    return [...this.access.flags(), '--wait-timeout', String(o.waitSeconds ?? 40), '--yes'];
  }

  /** Which run records the wizards left on this (the admin's) machine. */
  runRecord(wizard: string, key = 'zone-0'): { state: string; done: { name: string }[] } {
    const file = join(this.admin, 'var', '.onekit', 'runs', `onezone-${wizard}-${key}.json`);
    return JSON.parse(readFileSync(file, 'utf8')) as { state: string; done: { name: string }[] };
  }

  async progress(i: number): Promise<ZoneProgress> {
    return (await this.hosts[i]!.rpc.value('onekit.zone.progress', this.session)) as ZoneProgress;
  }

  /** The leader's progress, once one server answers as leader. */
  async leaderProgress(): Promise<ZoneProgress> {
    return eventually('a leader', async () => {
      for (const i of this.hosts.keys()) {
        const p = await this.progress(i).catch(() => undefined);
        if (p?.STATE === 3) return p;
      }
      return undefined;
    });
  }

  serverIdIn(i: number): number {
    const conf = readFileSync(this.hosts[i]!.root.paths.onedConf, 'utf8');
    return Number(/SERVER_ID\s*=\s*(-?\d+)/.exec(conf)![1]);
  }

  daemonRunning(i: number): boolean {
    const pid = this.hosts[i]!.agentRoot.servicePid('opennebula');
    if (pid === undefined) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    for (const h of this.hosts) {
      h.rpc.close();
      await h.agentRoot.remove();
      h.root.remove();
    }
    await this.access.close();
    rmSync(this.admin, { recursive: true, force: true });
    removeLeftovers();
  }
}
