// How the wizard labs (wizard-lab.ts, upgrade-lab.ts) and the wizards they run reach each
// simulated host: its agent over HTTP, or its own sshd (test/support/sshd.ts) on the host's
// loopback address, whose sessions run with the host's ONE_LOCATION and a PATH whose
// `onekit-agent` launches the built agent, as a production host has the agent on PATH.
// Over SSH no agent serves: every operation is `onekit-agent once` in an SSH session.
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentBin, type AgentRoot } from '../../../agent/test/support/agent-root.js';
import {
  generateKeyPair,
  startSshd,
  type KeyPair,
  type ScratchSshd,
} from '../../../../test/support/sshd.js';
import { AgentTransport } from '../../src/transport/agent-transport.js';
import type { HostTransport } from '../../src/transport/host-transport.js';
import { SshTransport } from '../../src/transport/ssh-transport.js';

export type LabTransport = 'agent' | 'ssh';

/** One simulated host as the lab reaches it. */
export interface HostAccess {
  /** What --host takes for this host: HOST:PORT of its agent or of its sshd. */
  readonly spec: string;
  /** A new transport to the host, for the lab's own calls (close it after use). */
  transport(): HostTransport;
}

/** The user the wizards log in as over SSH: the sshds accept the lab's key for root. */
const SSH_USER = 'root';

/** `<root>/bin/onekit-agent`: runs the built agent with this machine's node. */
function writeAgentLauncher(agentRoot: AgentRoot): string {
  const binDir = join(agentRoot.dir, 'bin');
  mkdirSync(binDir, { recursive: true });
  const launcher = join(binDir, 'onekit-agent');
  const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;
  writeFileSync(launcher, `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(agentBin)} "$@"\n`);
  chmodSync(launcher, 0o755);
  return binDir;
}

/**
 * An sshd of the host's own, on its address and a free port, whose sessions find the
 * host's installation as a production host's do: its ONE_LOCATION, and `onekit-agent` on
 * PATH (and nothing else of this machine's PATH).
 */
export function startHostSshd(agentRoot: AgentRoot): Promise<ScratchSshd> {
  const binDir = writeAgentLauncher(agentRoot);
  return startSshd({
    address: agentRoot.host,
    sessionEnv: {
      ONE_LOCATION: agentRoot.dir,
      HOME: join(agentRoot.dir, 'home'),
      PATH: `${binDir}:/usr/local/bin:/usr/bin:/bin`,
    },
  });
}

export class LabAccess {
  private readonly sshds: ScratchSshd[] = [];
  private tokenSource: AgentRoot | undefined;

  private constructor(
    readonly transport: LabTransport,
    /** The client key every sshd accepts (ssh only). */
    private readonly key: KeyPair | undefined,
    private readonly knownHosts: string,
  ) {}

  /** `dir` (the admin's directory) receives the client key and known_hosts. */
  static async create(o: { transport: LabTransport; dir: string }): Promise<LabAccess> {
    const sshDir = join(o.dir, 'ssh');
    mkdirSync(sshDir, { recursive: true, mode: 0o700 });
    const knownHosts = join(sshDir, 'known_hosts');
    writeFileSync(knownHosts, '');
    const key =
      o.transport === 'ssh' ? await generateKeyPair(join(sshDir, 'id_ed25519')) : undefined;
    return new LabAccess(o.transport, key, knownHosts);
  }

  /**
   * Makes the host reachable: starts its agent (the hosts share the first one's token, as
   * the servers of a zone share their .one directory), or its sshd.
   */
  async attach(agentRoot: AgentRoot): Promise<HostAccess> {
    if (this.transport === 'agent') return this.attachAgent(agentRoot);
    const sshd = await startHostSshd(agentRoot);
    this.sshds.push(sshd);
    sshd.authorize(this.key!.publicKeyLine);
    writeFileSync(this.knownHosts, `${sshd.knownHostsLine}\n`, { flag: 'a' });
    return {
      spec: `${sshd.host}:${sshd.port}`,
      transport: () =>
        new SshTransport({
          host: sshd.host,
          port: sshd.port,
          username: SSH_USER,
          privateKeyFile: this.key!.privateKeyPath,
          knownHostsFile: this.knownHosts,
        }),
    };
  }

  /** The transport flags every wizard run takes. */
  flags(): string[] {
    if (this.transport === 'agent') {
      return ['--transport', 'agent', '--agent-token-file', this.tokenSource!.tokenFile];
    }
    return [
      '--transport',
      'ssh',
      '--ssh-user',
      SSH_USER,
      '--ssh-key',
      this.key!.privateKeyPath,
      '--known-hosts',
      this.knownHosts,
    ];
  }

  /** Stops the sshds (the agents stop with their roots). */
  async close(): Promise<void> {
    await Promise.all(this.sshds.splice(0).map((sshd) => sshd.stop()));
  }

  private async attachAgent(agentRoot: AgentRoot): Promise<HostAccess> {
    if (this.tokenSource === undefined) this.tokenSource = agentRoot;
    else copyFileSync(this.tokenSource.tokenFile, agentRoot.tokenFile);
    const agent = await agentRoot.start();
    return {
      spec: `${agentRoot.host}:${agentRoot.port}`,
      transport: () =>
        new AgentTransport({ host: agentRoot.host, port: agentRoot.port, token: agent.token }),
    };
  }
}
