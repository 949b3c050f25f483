// Federations of real daemons, built the way the federation guide builds them: the master
// is bootstrapped as a standalone server and switched to MODE MASTER; for each slave zone
// the zone is created on the master, the slave's root is bootstrapped once as a standalone
// server and stopped, the master's federated tables are copied into it (onedb's federated
// backup and restore), the master's .one directory is copied, and the root is set to MODE
// SLAVE with its ZONE_ID and MASTER_ONED. `Federation` has a solo master; `HaFederation`
// has an HA master zone (ha-zone.ts). Mocha-free, like daemon.ts.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOnedConf } from '@onekit/core';
import { restoreBackup, takeBackup } from '../../packages/daemon/src/backup/index.js';
import { storageConfig } from '../../packages/daemon/src/process/index.js';
import {
  DaemonRoot,
  type ConfChange,
  type DaemonProcess,
  type RootOptions,
  type RunResult,
} from './daemon.js';
import { HaZone } from './ha-zone.js';

/** Makes a root (a suite passes its own, which builds the code first). */
export type CreateRoot = (options: RootOptions) => Promise<DaemonRoot>;

/** A zone of the federation with one server: its root and zone id. */
export interface Member {
  readonly root: DaemonRoot;
  readonly zoneId: number;
}

async function databaseOf(root: DaemonRoot) {
  return storageConfig(await loadOnedConf(root.paths.onedConf), root.paths);
}

interface JoinOptions {
  /** A root of the master zone holding every committed federated write (its leader). */
  readonly masterRoot: DaemonRoot;
  /** Creates the zone on the master; resolves with its id. */
  readonly allocateZone: (template: string) => Promise<number>;
  /** FEDERATION/MASTER_ONED of the slave. */
  readonly masterOned: string;
  readonly root: DaemonRoot;
  readonly name: string;
  /** Where the backup file goes. */
  readonly scratch: string;
  /** Runs against the slave while it is still a standalone server (its own local writes). */
  readonly whileStandalone?: (standalone: DaemonProcess) => Promise<void>;
}

/**
 * Makes `root` a slave zone as the guide does; the root is left stopped. Nothing federated
 * may be written on the master between the zone's creation and the slave's start.
 */
async function joinAsSlave(o: JoinOptions): Promise<number> {
  const zoneId = await o.allocateZone(`NAME = "${o.name}"\nENDPOINT = "${o.root.endpoint}"`);
  const standalone = await o.root.start();
  try {
    await o.whileStandalone?.(standalone);
  } finally {
    await standalone.stop();
  }
  const file = join(o.scratch, `federated-${zoneId}.bck`);
  await takeBackup({
    db: await databaseOf(o.masterRoot),
    file,
    force: true,
    kind: 'federated',
    clock: () => new Date(),
  });
  await restoreBackup({
    file,
    db: await databaseOf(o.root),
    force: true,
    federated: true,
    daemon: { lockFile: o.root.paths.lock, isAlive: () => false, endpoint: o.root.endpoint },
  });
  cpSync(o.masterRoot.paths.oneDir, o.root.paths.oneDir, { recursive: true });
  o.root.writeConf({ conf: slaveConf(zoneId, o.masterOned) });
  return zoneId;
}

/** FEDERATION of a server of slave zone `zoneId`. */
function slaveConf(zoneId: number, masterOned: string): ConfChange {
  return (c) => {
    c.federation.mode = 'SLAVE';
    c.federation.zoneId = zoneId;
    c.federation.masterOned = masterOned;
  };
}

/** A solo master and solo slaves added one by one. */
export class Federation {
  private readonly running = new Map<DaemonRoot, DaemonProcess>();
  private readonly members: Member[] = [];

  private constructor(
    readonly master: Member,
    private readonly createRoot: CreateRoot,
    private readonly scratch: string,
  ) {}

  static async create(o: { createRoot?: CreateRoot } = {}): Promise<Federation> {
    const createRoot = o.createRoot ?? ((options) => DaemonRoot.create(options));
    const root = await createRoot({});
    await (await root.start()).stop();
    root.writeConf({ conf: (c) => void (c.federation.mode = 'MASTER') });
    const scratch = mkdtempSync(join(tmpdir(), 'onekit-federation-'));
    const federation = new Federation({ root, zoneId: 0 }, createRoot, scratch);
    await federation.start(root);
    return federation;
  }

  get masterProcess(): DaemonProcess {
    return this.process(this.master.root);
  }

  /**
   * Adds a slave zone called `name` and starts it; `join.whileStandalone` runs against it
   * before it joins.
   */
  async addSlave(
    name: string,
    options: RootOptions = {},
    join: Pick<JoinOptions, 'whileStandalone'> = {},
  ): Promise<Member> {
    const root = await this.createRoot(options);
    const zoneId = await joinAsSlave({
      masterRoot: this.master.root,
      allocateZone: async (template) =>
        Number(
          await this.masterProcess.client.value(
            'one.zone.allocate',
            this.master.root.session,
            template,
          ),
        ),
      masterOned: this.master.root.endpoint,
      root,
      name,
      scratch: this.scratch,
      ...join,
    });
    const member = { root, zoneId };
    this.members.push(member);
    await this.start(root);
    return member;
  }

  process(root: DaemonRoot): DaemonProcess {
    const process = this.running.get(root);
    if (!process) throw new Error(`${root.endpoint} is not running`);
    return process;
  }

  async start(root: DaemonRoot): Promise<DaemonProcess> {
    const process = await root.start();
    this.running.set(root, process);
    return process;
  }

  async stop(root: DaemonRoot, signal: NodeJS.Signals = 'SIGTERM'): Promise<RunResult> {
    const process = this.process(root);
    this.running.delete(root);
    return process.stop(signal);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((root) => this.stop(root)));
    for (const member of [this.master, ...this.members]) member.root.remove();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

export interface SlaveZoneOptions {
  /** Applied to the slave root's oned.conf (a MariaDB backend). */
  readonly conf?: ConfChange;
}

/** A solo slave zone of an HaFederation. */
export class SlaveZone {
  private running: DaemonProcess | undefined;

  constructor(
    readonly root: DaemonRoot,
    readonly zoneId: number,
  ) {}

  get endpoint(): string {
    return this.root.endpoint;
  }

  async start(): Promise<DaemonProcess> {
    this.running = await this.root.start();
    return this.running;
  }

  get process(): DaemonProcess {
    if (!this.running) throw new Error(`slave zone ${this.zoneId} is not running`);
    return this.running;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** SIGTERM (clean) or SIGKILL (a crash). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<RunResult> {
    const process = this.process;
    this.running = undefined;
    return process.stop(signal);
  }
}

export interface HaFederationOptions {
  /** Servers of the master zone. */
  readonly masterServers: number;
  readonly slaves: readonly SlaveZoneOptions[];
  /** The master server slaves send federated writes to (MASTER_ONED); server 0 by default. */
  readonly masterOned?: number;
  /** RAFT/ELECTION_TIMEOUT_MS of the master zone. */
  readonly electionTimeoutMs?: number;
}

/** A slave zone of several servers (an HA zone) in an HaFederation. */
export interface HaSlaveZone {
  readonly zone: HaZone;
  readonly zoneId: number;
}

export interface HaSlaveZoneOptions {
  readonly servers: number;
  /** RAFT/ELECTION_TIMEOUT_MS of the slave zone. */
  readonly electionTimeoutMs?: number;
}

/** An HA master zone and solo slave zones, all started; HA slave zones are added after. */
export class HaFederation {
  private readonly haSlaves: HaSlaveZone[] = [];
  private haSlaveCount = 0;

  private constructor(
    readonly master: HaZone,
    readonly slaves: readonly SlaveZone[],
    private readonly scratch: string,
  ) {}

  static async create(o: HaFederationOptions): Promise<HaFederation> {
    const master = await HaZone.create({
      servers: o.masterServers,
      ...(o.electionTimeoutMs !== undefined && { electionTimeoutMs: o.electionTimeoutMs }),
    });
    for (const root of master.roots) {
      root.writeConf({ conf: (c) => void (c.federation.mode = 'MASTER') });
    }
    await master.startAll();
    const leader = await master.waitForLeader();
    const masterRoot = master.roots[leader]!;
    const scratch = mkdtempSync(join(tmpdir(), 'onekit-federation-'));
    const slaves: SlaveZone[] = [];
    for (const [i, options] of o.slaves.entries()) {
      const root = await DaemonRoot.create(options.conf ? { conf: options.conf } : {});
      const zoneId = await joinAsSlave({
        masterRoot,
        allocateZone: async (template) =>
          Number(
            await master
              .process(leader)
              .client.value('one.zone.allocate', masterRoot.session, template),
          ),
        masterOned: master.endpoint(o.masterOned ?? 0),
        root,
        name: `slave-${i}`,
        scratch,
      });
      slaves.push(new SlaveZone(root, zoneId));
    }
    await Promise.all(slaves.map((s) => s.start()));
    return new HaFederation(master, slaves, scratch);
  }

  /**
   * Adds a slave zone of `servers` HA servers, built as the guides say: its first server
   * joins as a solo slave (federated restore), registers every server in its own zone
   * (published to the master), and its database goes to the other servers; all started.
   */
  async addHaSlave(o: HaSlaveZoneOptions): Promise<HaSlaveZone> {
    const leader = await this.master.waitForLeader();
    const masterRoot = this.master.roots[leader]!;
    const masterOned = this.master.endpoint(leader);
    let zoneId = -1;
    const zone = await HaZone.create({
      servers: o.servers,
      ...(o.electionTimeoutMs !== undefined && { electionTimeoutMs: o.electionTimeoutMs }),
      join: async (first) => {
        zoneId = await joinAsSlave({
          masterRoot,
          allocateZone: async (template) =>
            Number(
              await this.master
                .process(leader)
                .client.value('one.zone.allocate', masterRoot.session, template),
            ),
          masterOned,
          root: first,
          name: `ha-slave-${this.haSlaveCount++}`,
          scratch: this.scratch,
        });
        return { zoneId, conf: slaveConf(zoneId, masterOned) };
      },
    });
    await zone.startAll();
    const slave = { zone, zoneId };
    this.haSlaves.push(slave);
    return slave;
  }

  /** Every running server of every zone. */
  servers(): { name: string; process: DaemonProcess }[] {
    const out: { name: string; process: DaemonProcess }[] = [];
    for (let id = 0; id < this.master.servers; id++) {
      if (this.master.isRunning(id))
        out.push({ name: `master/${id}`, process: this.master.process(id) });
    }
    for (const slave of this.slaves) {
      if (slave.isRunning) out.push({ name: `zone ${slave.zoneId}`, process: slave.process });
    }
    for (const { zone, zoneId } of this.haSlaves) {
      for (let id = 0; id < zone.servers; id++) {
        if (zone.isRunning(id))
          out.push({ name: `zone ${zoneId}/${id}`, process: zone.process(id) });
      }
    }
    return out;
  }

  async stop(): Promise<void> {
    await Promise.all(this.slaves.filter((s) => s.isRunning).map((s) => s.stop()));
    await Promise.all(this.haSlaves.map((s) => s.zone.stopAll()));
    await this.master.stopAll();
  }

  remove(): void {
    this.master.remove();
    for (const { zone } of this.haSlaves) zone.remove();
    for (const slave of this.slaves) slave.root.remove();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
