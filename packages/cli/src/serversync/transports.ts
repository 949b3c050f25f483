// The two hosts of a serversync: this one through the local transport (its own layout,
// from ONE_LOCATION), and the other server through its agent, SSH, or — for labs on one
// machine — the local transport pointed at another root. Transports load on first use.
import { OneKitError, type Environment, type OnePaths } from '@onekit/core';
import { access } from 'node:fs/promises';
import { posix } from 'node:path';
import type { HostTransport } from '../transport/host-transport.js';
import { parseHostSpec } from '../transport/host-spec.js';

export const remoteTransportKinds = ['agent', 'ssh', 'local'] as const;
export type RemoteTransportKind = (typeof remoteTransportKinds)[number];

export const hostKeyCheckings = ['strict', 'accept-new'] as const;
export type SshHostKeyChecking = (typeof hostKeyCheckings)[number];

/** The user serversync logs in as over SSH unless told: it only reads on the other server. */
export const defaultSshUser = 'oneadmin';

export interface RemoteTransportOptions {
  readonly kind: RemoteTransportKind;
  /**
   * The server as HOST[:PORT] (the agent's or sshd's port; IPv6 in brackets when a port
   * follows); with `local`, the ONE_LOCATION root of the other installation.
   */
  readonly server: string;
  /** The flag or argument that named the server, for errors (default `server`). */
  readonly field?: string;
  /** This host's layout: where the default token and SSH key are. */
  readonly localPaths: OnePaths;
  readonly env: Environment;
  readonly home: string | undefined;
  /** The agent's port when the server names none. */
  readonly agentPort?: number;
  /** Default: this host's own agent token file (the servers of a zone may share one). */
  readonly agentTokenFile?: string;
  readonly sshUser?: string;
  /**
   * Default: `<var>/.ssh/id_rsa`, the service account's key, as upstream uses (and, when it
   * does not exist, only the ssh-agent at SSH_AUTH_SOCK).
   */
  readonly sshKey?: string;
  /** Default: ~/.ssh/known_hosts. */
  readonly knownHosts?: string;
  readonly hostKeyChecking?: SshHostKeyChecking;
}

/** This host: the local transport over the layout ONE_LOCATION selects. */
export async function localHost(env: Environment): Promise<HostTransport> {
  const { LocalTransport } = await import('../transport/local-transport.js');
  return LocalTransport.create({ env, host: 'this host' });
}

/**
 * --ssh-key, or the service account's key; that default is left out when it does not exist
 * and an ssh-agent offers keys instead (without one, its absence is the error to report).
 */
async function sshKeyFile(
  o: RemoteTransportOptions,
  agentSocket: string | undefined,
): Promise<string | undefined> {
  if (o.sshKey !== undefined) return o.sshKey;
  const fallback = posix.join(o.localPaths.var, '.ssh', 'id_rsa');
  if (agentSocket === undefined) return fallback;
  try {
    await access(fallback);
    return fallback;
  } catch (err) {
    // Any other failure: the key loader names the file and the reason.
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : fallback;
  }
}

export async function remoteHost(o: RemoteTransportOptions): Promise<HostTransport> {
  const field = o.field ?? 'server';
  switch (o.kind) {
    case 'agent': {
      const { host, port = o.agentPort } = parseHostSpec(o.server, { field });
      const [{ AgentTransport }, { readAgentToken }] = await Promise.all([
        import('../transport/agent-transport.js'),
        import('@onekit/agent'),
      ]);
      const tokenFile = o.agentTokenFile ?? posix.join(o.localPaths.oneDir, 'agent_token');
      return new AgentTransport({
        host,
        ...(port === undefined ? {} : { port }),
        token: await readAgentToken(tokenFile),
      });
    }
    case 'ssh': {
      const { host, port } = parseHostSpec(o.server, { field });
      const { SshTransport } = await import('../transport/ssh-transport.js');
      const knownHosts =
        o.knownHosts ?? (o.home ? posix.join(o.home, '.ssh', 'known_hosts') : undefined);
      if (knownHosts === undefined) {
        throw new OneKitError(
          'FLAG_REQUIRED',
          '--known-hosts is required without a home directory',
          {
            field: 'known-hosts',
          },
        );
      }
      const agentSocket = o.env['SSH_AUTH_SOCK'] || undefined;
      const privateKeyFile = await sshKeyFile(o, agentSocket);
      return new SshTransport({
        host,
        ...(port === undefined ? {} : { port }),
        username: o.sshUser ?? defaultSshUser,
        ...(privateKeyFile === undefined ? {} : { privateKeyFile }),
        ...(agentSocket === undefined ? {} : { agentSocket }),
        hostKeyChecking: o.hostKeyChecking ?? 'strict',
        knownHostsFile: knownHosts,
      });
    }
    case 'local': {
      if (!posix.isAbsolute(o.server)) {
        throw new OneKitError(
          'FLAG_INVALID',
          `with --transport local the server is the ONE_LOCATION root of the other installation, an absolute path: ${o.server}`,
          { field },
        );
      }
      const { LocalTransport } = await import('../transport/local-transport.js');
      return LocalTransport.create({
        env: { ...o.env, ONE_LOCATION: o.server },
        host: o.server,
      });
    }
  }
}
