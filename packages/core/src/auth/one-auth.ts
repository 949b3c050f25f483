// The ONE_AUTH file: one line `username:password`, looked up as the Ruby OCA does:
// $ONE_AUTH (when it names a file) → <home>/.one/one_auth → <oneDir>/one_auth.
import { OneKitError } from '../errors/index.js';
import type { OnePaths } from '../paths/index.js';
import { userOneFiles } from '../paths/index.js';
import { localTextFiles, readIfPresent, type Environment, type TextFiles } from './text-files.js';

export interface OneAuth {
  user: string;
  password: string;
  /** The file the credentials were read from. */
  file: string;
}

export interface ReadOneAuthOptions {
  env: Environment;
  /** The user's home directory; undefined skips `<home>/.one/one_auth`. */
  home: string | undefined;
  paths: OnePaths;
  files?: TextFiles;
}

export function readOneAuth(options: ReadOneAuthOptions): OneAuth {
  const { env, home, paths } = options;
  const candidates = [env.ONE_AUTH, home && userOneFiles(home).oneAuth, paths.oneAuth].filter(
    (file): file is string => Boolean(file),
  );
  for (const file of candidates) {
    const text = readIfPresent(options.files ?? localTextFiles, file, 'AUTH_FILE');
    if (text !== undefined) return { ...parseAuthLine(text, { file }), file };
  }
  throw new OneKitError(
    'AUTH_FILE',
    `ONE_AUTH file not present (looked at ${candidates.join(', ')})`,
  );
}

/**
 * Parses `name:secret` (trailing whitespace ignored, split at the first `:`), the format of
 * ONE_AUTH files and of the services' `serveradmin` credential files. The message never
 * carries the file's content.
 */
export function parseAuthLine(
  text: string,
  where: { file: string },
): { user: string; password: string } {
  const line = text.trimEnd();
  const colon = line.indexOf(':');
  if (colon <= 0 || colon === line.length - 1 || line.includes('\n')) {
    throw new OneKitError(
      'AUTH_FILE',
      `${where.file} must hold one line of the form <username>:<password>`,
      { file: where.file, line: 1 },
    );
  }
  return { user: line.slice(0, colon), password: line.slice(colon + 1) };
}
