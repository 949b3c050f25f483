// The identity a client presents: `--user`/`--password` win; otherwise the ONE_AUTH file.
import { OneKitError } from '../errors/index.js';
import { readOneAuth, type ReadOneAuthOptions } from './one-auth.js';

export interface Credentials {
  user: string;
  password: string;
}

export interface ResolveCredentialsOptions extends ReadOneAuthOptions {
  user?: string;
  password?: string;
}

/**
 * A user flag needs a password flag (the command prompts for it first when it can); a
 * password without a user is refused rather than silently ignored.
 */
export function resolveCredentials(options: ResolveCredentialsOptions): Credentials {
  const { user, password } = options;
  if (user !== undefined && password !== undefined) return { user, password };
  if (user !== undefined) {
    throw new OneKitError('FLAG_REQUIRED', `--password is required with --user ${user}`, {
      field: 'password',
    });
  }
  if (password !== undefined) {
    throw new OneKitError('FLAG_REQUIRED', '--user is required with --password', { field: 'user' });
  }
  const auth = readOneAuth(options);
  return { user: auth.user, password: auth.password };
}
