// Simulated front-ends for serversync tests: each an AgentRoot (a temporary ONE_LOCATION on
// its own loopback address, with the real agent) holding the configuration tree of an
// OpenNebula 7 front-end and supervising three stand-in services.
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { AgentRoot, type AgentProcess } from '../../../agent/test/support/agent-root.js';
import { AgentTransport } from '../../src/transport/agent-transport.js';
import { LocalTransport } from '../../src/transport/local-transport.js';

export const services = ['opennebula', 'opennebula-flow', 'opennebula-gate'] as const;

const sleeper = {
  command: process.execPath,
  args: ['-e', 'process.on("SIGTERM", () => process.exit(0)); setInterval(() => {}, 1 << 30);'],
};

export const dbPassword = 'db-Secret-42';

export function onedConf(o: { serverId: number; listen: string; zoneId?: number; extra?: string }) {
  return `# OpenNebula daemon configuration
LOG = [
  SYSTEM      = "file",
  DEBUG_LEVEL = 3
]

PORT = 2633
LISTEN_ADDRESS = "${o.listen}"

DB = [ BACKEND = "sqlite",
       PASSWD  = "${dbPassword}" ]

FEDERATION = [
    MODE          = "${o.zoneId === undefined ? 'STANDALONE' : 'MASTER'}",
    ZONE_ID       = ${o.zoneId ?? 0},
    SERVER_ID     = ${o.serverId},
    MASTER_ONED   = ""
]

RAFT = [
    LIMIT_PURGE          = 100000,
    ELECTION_TIMEOUT_MS  = 5000,
    BROADCAST_TIMEOUT_MS = 500
]
${o.extra ?? ''}`;
}

/** The configuration tree every front-end starts with (oned.conf aside). */
export const baseTree: Record<string, { content: string; mode: number }> = {
  'monitord.conf': { content: 'NETWORK = [ ADDRESS = "0.0.0.0", PORT = 4124 ]\n', mode: 0o640 },
  'oneflow-server.conf': {
    content: ':one_xmlrpc: http://localhost:2633/RPC2\n:port: 2474\n',
    mode: 0o640,
  },
  'onegate-server.conf': { content: ':host: 127.0.0.1\n:port: 5030\n', mode: 0o640 },
  'auth/ldap_auth.conf': {
    content: "server 1:\n    :user: 'admin'\n    :password: 'ldap-Secret-7'\n",
    mode: 0o640,
  },
  'auth/server_x509_auth.conf': { content: ':srv_user: serveradmin\n', mode: 0o640 },
  'hm/hook-exec.rb': { content: 'puts "hook"\n', mode: 0o755 },
  'vmm_exec/vmm_exec_kvm.conf': { content: 'EMULATOR = /usr/bin/qemu\n', mode: 0o644 },
  'schedulers/rank.conf': { content: 'DEFAULT_SCHED = [ POLICY = 1 ]\n', mode: 0o644 },
  // Not in the sync list: never compared.
  'sunstone-server.conf': { content: ':port: 9869\n', mode: 0o640 },
};

export class Frontend {
  agent: AgentProcess | undefined;

  private constructor(
    readonly root: AgentRoot,
    readonly serverId: number,
  ) {}

  static async create(o: { host: string; serverId: number; zoneId?: number }): Promise<Frontend> {
    const root = await AgentRoot.create({
      host: o.host,
      services: Object.fromEntries(services.map((s) => [s, sleeper])),
    });
    const frontend = new Frontend(root, o.serverId);
    frontend.write(
      'oned.conf',
      onedConf({ serverId: o.serverId, listen: o.host, zoneId: o.zoneId }),
      0o640,
    );
    for (const [path, file] of Object.entries(baseTree))
      frontend.write(path, file.content, file.mode);
    return frontend;
  }

  get etc(): string {
    return this.root.paths.etc;
  }

  get host(): string {
    return this.root.host;
  }

  write(path: string, content: string, mode = 0o644): void {
    const file = join(this.etc, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    chmodSync(file, mode);
  }

  read(path: string): string {
    return readFileSync(join(this.etc, path), 'utf8');
  }

  chmod(path: string, mode: number): void {
    chmodSync(join(this.etc, path), mode);
  }

  chown(path: string, uid: number, gid: number): void {
    chownSync(join(this.etc, path), uid, gid);
  }

  /** Every file below etc, with content, mode and owner: what "exactly" means in tests. */
  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        const st = lstatSync(full);
        if (st.isDirectory()) walk(full);
        else {
          const mode = (st.mode & 0o7777).toString(8);
          out[relative(this.etc, full)] =
            `${mode} ${st.uid}:${st.gid} ${readFileSync(full, 'utf8')}`;
        }
      }
    };
    walk(this.etc);
    return out;
  }

  async startAgent(): Promise<AgentProcess> {
    this.agent = await this.root.start();
    return this.agent;
  }

  /** This host seen through its agent (the other server of a sync). */
  remote(): AgentTransport {
    if (!this.agent) throw new Error(`the agent of ${this.host} is not started`);
    return new AgentTransport({ host: this.host, port: this.root.port, token: this.agent.token });
  }

  /** This host as "this host" of a sync: the local transport over its root. */
  local(): Promise<LocalTransport> {
    return LocalTransport.create({ env: this.root.env, host: 'this host' });
  }

  async startServices(): Promise<void> {
    const local = await this.local();
    for (const service of services) await local.service('start', service);
  }

  servicePids(): Record<string, number | undefined> {
    return Object.fromEntries(services.map((s) => [s, this.root.servicePid(s)]));
  }

  remove(): Promise<void> {
    return this.root.remove();
  }
}
