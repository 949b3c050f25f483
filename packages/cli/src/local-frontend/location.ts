import { resolve } from 'node:path';
import type { Environment } from '@onekit/core';

export const defaultLocationName = '.onekit';

/** --location, else ONE_LOCATION, else ./.onekit; relative paths from `cwd`. */
export function frontendLocation(
  flag: string | undefined,
  o: { env: Environment; cwd: string },
): string {
  return resolve(o.cwd, flag ?? (o.env['ONE_LOCATION'] || defaultLocationName));
}
