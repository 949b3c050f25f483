import {
  resolveCredentials,
  resolveEndpoint,
  resolvePaths,
  type Credentials,
  type Environment,
} from '@onekit/core';
import type { IOStreams } from '../io/index.js';
import { flagOrPrompt, type Prompter } from '../prompt/index.js';

/** The values oclif parses from `apiFlags`. */
export interface ApiFlagValues {
  endpoint?: string;
  user?: string;
  password?: string;
}

/** Where an XML-RPC command connects and as whom; credentials are read when first needed. */
export interface ApiSettings {
  endpoint: string;
  credentials(): Promise<Credentials>;
}

export interface ApiSettingsOptions {
  flags: ApiFlagValues;
  env: Environment;
  home: string | undefined;
  io: Pick<IOStreams, 'canPrompt'>;
  prompter: Pick<Prompter, 'password'>;
}

/**
 * Flag > environment > files > default, through the core resolvers (ONE_LOCATION picks
 * the service account's `.one` directory). `--user` without `--password` asks for the
 * password on a terminal and otherwise requires the flag.
 */
export function apiSettings(options: ApiSettingsOptions): ApiSettings {
  const { flags, env, home } = options;
  const paths = resolvePaths({ oneLocation: env['ONE_LOCATION'] });
  return {
    endpoint: resolveEndpoint({ flag: flags.endpoint, env, home, paths }),
    async credentials() {
      const password =
        flags.user === undefined
          ? flags.password
          : await flagOrPrompt({
              value: flags.password,
              flag: 'password',
              io: options.io,
              ask: () => options.prompter.password(`Password for ${flags.user}`),
            });
      return resolveCredentials({ user: flags.user, password, env, home, paths });
    },
  };
}
