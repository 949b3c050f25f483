import { exitCodes, loadOnedConf, resolvePaths, type OnePaths } from '@onekit/core';
import type { DbConfig } from '@onekit/daemon';
import { OneCommand, outputFlags } from '../command/index.js';
import { ReportedError } from '../exit/index.js';
import { connectionFlags, type ConnectionFlagValues } from './connection-flags.js';

/**
 * The base of the onedb commands: the connection options on each, the database they name,
 * and oned's onedb exit statuses: every failure exits -1 (255), so that 1, 2 and 3 keep
 * the meanings `onedb version` gives them.
 */
export abstract class OnedbCommand<Result = unknown> extends OneCommand<Result> {
  static override baseFlags = { ...outputFlags, ...connectionFlags };

  /** The layout: ONE_LOCATION, else system-wide. */
  protected paths(): OnePaths {
    return resolvePaths({ oneLocation: this.env['ONE_LOCATION'] });
  }

  /** The database the connection options (or oned.conf) name; may ask for the password. */
  protected async database(flags: ConnectionFlagValues): Promise<DbConfig> {
    const { resolveConnection } = await import('@onekit/daemon/backup');
    const paths = this.paths();
    return resolveConnection({
      flags,
      env: this.env,
      paths,
      onedConf: () => loadOnedConf(paths.onedConf),
      ...(this.io.canPrompt() && {
        askPassword: () => this.prompter.password('MySQL Password:'),
      }),
    });
  }

  protected override async catch(err: Error): Promise<never> {
    try {
      return await super.catch(err);
    } catch (reported) {
      // A status the command chose (onedb version's 1-3) stands; failures are -1.
      if (reported instanceof ReportedError && !(err instanceof ReportedError)) {
        throw new ReportedError(exitCodes.ONE_ERROR, { cause: err });
      }
      throw reported;
    }
  }
}
