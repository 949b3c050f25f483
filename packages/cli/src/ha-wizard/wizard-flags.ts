// The flags every HA wizard takes: how hosts are reached (as serversync takes them), the
// plan engine's (--dry-run, --yes, --restart, --skip-check) and how long to wait.
import { Flags } from '@oclif/core';
import { sshTransportFlags } from '../command/index.js';
import { haCheckDescriptions } from './checks.js';

export const hostFlags = {
  transport: Flags.string({
    description:
      'How hosts (--host, --from, --master) are reached: their agent (HOST[:PORT], port 2635 unless given), SSH (HOST[:PORT] of sshd, port 22 unless given; the host runs onekit-agent once), or local (another ONE_LOCATION root on this machine).',
    options: ['agent', 'ssh', 'local'],
    default: 'agent',
    helpGroup: 'TRANSPORT',
  }),
  'agent-port': Flags.integer({
    description: 'Port of the agents, unless HOST:PORT names it (default 2635).',
    min: 1,
    max: 65535,
    helpValue: 'PORT',
    helpGroup: 'TRANSPORT',
  }),
  'agent-token-file': Flags.string({
    description: "File holding the agents' token (default: this host's agent_token).",
    helpValue: 'FILE',
    helpGroup: 'TRANSPORT',
  }),
  ...sshTransportFlags,
};

/** What a host reached with --transport ssh needs, for the wizards' descriptions. */
export const sshTransportDescription =
  "With --transport ssh a host is HOST[:PORT] (sshd's port, 22 unless given) and the wizard opens one SSH connection per host (--ssh-user, default oneadmin; --ssh-key, or the keys of an ssh-agent at SSH_AUTH_SOCK; the host key must be in --known-hosts unless --host-key-checking accept-new): files are read and written over sftp (atomically, backed up first), and everything else (inventories, services, onedb backups, restores and upgrades, versions, paths) runs `onekit-agent once` on the host, which reads the host's own onekit-agent.yaml; no agent needs to serve. The host needs sshd with the sftp subsystem; onekit-agent on the PATH of non-interactive sessions, and for a self-contained installation ONE_LOCATION in their environment (sshd_config SetEnv, or environment= in authorized_keys with PermitUserEnvironment); and a user allowed to write the configuration directory, <var>/.one and <var>/backups/ha, to run onedb on the database and to control the daemon's service (root where systemd manages it; the installation's owner where the agent's supervisor does).";

export const planFlags = {
  'dry-run': Flags.boolean({
    description: 'Print the plan and the preflight checks; change nothing.',
    helpGroup: 'PLAN',
  }),
  yes: Flags.boolean({ description: 'Run without asking.', helpGroup: 'PLAN' }),
  restart: Flags.boolean({
    description: 'Set an unfinished run aside (its record and backups are kept) and start again.',
    helpGroup: 'PLAN',
  }),
  'skip-check': Flags.string({
    description: `Skip a preflight check by name (repeatable): ${Object.keys(haCheckDescriptions).join(', ')}.`,
    multiple: true,
    helpValue: 'NAME',
    helpGroup: 'PLAN',
  }),
  'wait-timeout': Flags.integer({
    description: 'Seconds to wait for the zone (a leader, a server catching up).',
    default: 300,
    min: 1,
    helpValue: 'SECONDS',
    helpGroup: 'PLAN',
  }),
  'stop-after-step': Flags.integer({
    description: 'Kill this process (SIGKILL) once step N is recorded: for resume tests.',
    hidden: true,
  }),
};

/** The checks, for a command's description. */
export function checksDescription(names: readonly (keyof typeof haCheckDescriptions)[]): string {
  return [
    'Preflight checks (skip one with --skip-check NAME):',
    ...names.map((n) => `  ${n}: ${haCheckDescriptions[n]}`),
  ].join('\n');
}

/** Flags whose value the rerun command must not repeat. */
const notRepeated = new Set(['--dry-run', '--restart']);
const notRepeatedWithValue = new Set(['--stop-after-step']);

/** The command line that continues a plan: the same arguments, without one-off flags. */
export function rerunCommand(command: string, argv: readonly string[]): string {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.split('=')[0]!;
    if (notRepeated.has(arg)) continue;
    if (notRepeatedWithValue.has(name)) {
      if (!arg.includes('=')) i++;
      continue;
    }
    kept.push(/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
  }
  return [command, ...kept].join(' ');
}
