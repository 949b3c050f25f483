// The flags every HA wizard takes: how hosts are reached (as serversync takes them), the
// plan engine's (--dry-run, --yes, --restart, --skip-check) and how long to wait.
import { Flags } from '@oclif/core';
import { sshTransportFlags } from '../command/index.js';
import { haCheckDescriptions } from './checks.js';

export const hostFlags = {
  transport: Flags.string({
    description:
      'How --host and --from are reached: their agent (HOST[:PORT]), SSH, or local (another ONE_LOCATION root on this machine).',
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
