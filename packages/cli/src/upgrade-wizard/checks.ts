// The upgrade's named preflight checks (`--skip-check NAME`), all over one survey of the
// federation taken before the first change. Each only reads.
import { OneKitError } from '@onekit/core';
import { freeDiskCheck } from '../ha-wizard/checks.js';
import type { HaHost } from '../ha-wizard/host-steps.js';
import type { PreflightCheck } from '../plan/index.js';
import {
  fedIndexProblem,
  unreadableVersions,
  zoneProblems,
  type FederationSurvey,
} from './survey.js';

export const upgradeCheckDescriptions = {
  'zones-healthy': 'every zone answers, with one leader and the rest following',
  'fed-index-equal':
    'every server of every zone shows the same FED_INDEX (the federation is in sync)',
  'versions-readable': "every server's OneKit release and schema versions read through its host",
  'free-disk': 'at least 256 MiB free where backups go (measured on local hosts)',
} as const;

export type UpgradeCheckName = keyof typeof upgradeCheckDescriptions;

function check(
  name: Exclude<UpgradeCheckName, 'free-disk'>,
  problems: () => Promise<string[]>,
  passed: string,
): PreflightCheck {
  return {
    name,
    description: upgradeCheckDescriptions[name],
    async run() {
      const found = await problems();
      if (found.length > 0) {
        throw new OneKitError('PLAN_REFUSED', found.join('; '), { field: name });
      }
      return passed;
    },
  };
}

export function upgradeChecks(o: {
  survey: () => Promise<FederationSurvey>;
  hosts: readonly HaHost[];
}): PreflightCheck[] {
  return [
    check('zones-healthy', async () => zoneProblems(await o.survey()), 'every zone is healthy'),
    check(
      'fed-index-equal',
      async () => {
        const problem = fedIndexProblem((await o.survey()).servers);
        return problem ? [problem] : [];
      },
      'FED_INDEX is equal everywhere',
    ),
    check(
      'versions-readable',
      async () => unreadableVersions((await o.survey()).servers),
      'every host reports its versions',
    ),
    freeDiskCheck(o.hosts),
  ];
}
