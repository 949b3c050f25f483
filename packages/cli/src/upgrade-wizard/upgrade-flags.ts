// The flags of `onezone upgrade-plan` and `upgrade-apply`: how each server's host is found
// (besides the HA wizards' transport flags), the master zone, and --coordinated.
import { Flags } from '@oclif/core';
import { upgradeCheckDescriptions } from './checks.js';

export const federationFlags = {
  'master-zone': Flags.integer({
    description: 'Id of the master zone, whose endpoint the command talks to.',
    default: 0,
    min: 0,
    helpValue: 'ID',
  }),
  host: Flags.string({
    description:
      "Where a server's host is reached, as KEY=HOST: KEY is the host name, host:port or the whole XML-RPC endpoint of the server, HOST what --transport takes (agent HOST[:PORT], ssh HOST, local ONE_LOCATION root). Repeatable; a server without one is reached at its endpoint's host name.",
    multiple: true,
    helpValue: 'KEY=HOST',
  }),
  coordinated: Flags.boolean({
    description:
      "Run the coordinated procedure (every zone stopped, the master's federated tables restored on the slaves) even when the federated schema keeps its version.",
  }),
};

export const upgradeSkipCheckFlag = {
  'skip-check': Flags.string({
    description: `Skip a preflight check by name (repeatable): ${Object.keys(upgradeCheckDescriptions).join(', ')}.`,
    multiple: true,
    helpValue: 'NAME',
    helpGroup: 'PLAN',
  }),
};

export function upgradeChecksDescription(): string {
  return [
    'Preflight checks (skip one with --skip-check NAME):',
    ...Object.entries(upgradeCheckDescriptions).map(([n, d]) => `  ${n}: ${d}`),
  ].join('\n');
}
