// A service's own identity toward oned: `serveradmin:<secret>` in $ONE_CIPHER_AUTH when set,
// otherwise in its file under the `.one` directory (oneflow_auth, onegate_auth, ...).
import { OneKitError } from '../errors/index.js';
import type { OnePaths, ServiceCredentialName } from '../paths/index.js';
import { parseAuthLine } from './one-auth.js';
import { localTextFiles, readIfPresent, type Environment, type TextFiles } from './text-files.js';

export interface ServerCredentials {
  serverUser: string;
  secret: string;
  file: string;
}

export interface ReadServerCredentialsOptions {
  service: ServiceCredentialName;
  env: Environment;
  paths: OnePaths;
  files?: TextFiles;
}

export function readServerCredentials(options: ReadServerCredentialsOptions): ServerCredentials {
  const file = options.env.ONE_CIPHER_AUTH || options.paths.serviceCredentials[options.service];
  const text = readIfPresent(options.files ?? localTextFiles, file, 'AUTH_FILE');
  if (text === undefined) {
    throw new OneKitError('AUTH_FILE', `server credentials file not present: ${file}`, { file });
  }
  const { user, password } = parseAuthLine(text, { file });
  return { serverUser: user, secret: password, file };
}
