// Files below one of the layout's directories, named relative to it. Callers name files
// (`sunstone-server.conf`, `auth/ldap_auth.conf`), the layout decides where they are.
import { posix } from 'node:path';
import { OneKitError } from '../errors/index.js';
import type { OnePaths } from './layout.js';

/** A file below `etc` (e.g. `fireedge-server.conf`, `cli/onezone.yaml`). */
export function etcFile(paths: OnePaths, relative: string): string {
  return below(paths.etc, relative);
}

/** A file below `var` (e.g. `datastores/0`). */
export function varFile(paths: OnePaths, relative: string): string {
  return below(paths.var, relative);
}

/**
 * The executable a Raft or oned hook runs: an absolute COMMAND as given, anything else
 * relative to the hooks directory (`raft/vip.sh` → `<remotes>/hooks/raft/vip.sh`).
 */
export function hookCommandPath(paths: OnePaths, command: string): string {
  return command.startsWith('/') ? command : below(paths.hooks, command);
}

function below(dir: string, relative: string): string {
  const joined = posix.join(dir, relative);
  if (posix.isAbsolute(relative) || !joined.startsWith(`${dir}/`)) {
    throw new OneKitError('CONFIG_INVALID', `${relative} is not a path inside ${dir}`, {
      field: relative,
    });
  }
  return joined;
}
