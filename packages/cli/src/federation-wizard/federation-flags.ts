// The flags of the federation wizards: the HA wizards' transport and plan flags, with the
// federation's own preflight check names.
import { Flags } from '@oclif/core';
import { planFlags } from '../ha-wizard/index.js';
import { federationCheckDescriptions } from './federation-checks.js';

export const federationPlanFlags = {
  ...planFlags,
  'skip-check': Flags.string({
    description: `Skip a preflight check by name (repeatable): ${Object.keys(federationCheckDescriptions).join(', ')}.`,
    multiple: true,
    helpValue: 'NAME',
    helpGroup: 'PLAN',
  }),
};

/** The checks, for a command's description. */
export function federationChecksDescription(): string {
  return [
    'Preflight checks (skip one with --skip-check NAME):',
    ...Object.entries(federationCheckDescriptions).map(([n, d]) => `  ${n}: ${d}`),
  ].join('\n');
}
