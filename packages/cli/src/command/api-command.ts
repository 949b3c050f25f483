import { oneApi, type OneApi } from '../rpc/index.js';
import type { ApiFlagValues } from './api-settings.js';
import { apiFlags, outputFlags } from './flags.js';
import { OneCommand } from './one-command.js';

/**
 * The base of commands that call the XML-RPC API: the API flags on every subcommand, one
 * lazily made set of clients per run, closed when the command ends.
 */
export abstract class OneApiCommand<Result = unknown> extends OneCommand<Result> {
  static override baseFlags = { ...outputFlags, ...apiFlags };

  private apiHandle: OneApi | undefined;

  /** The endpoint and clients for these flags; nothing is read or opened until a call. */
  protected oneApi(flags: ApiFlagValues): OneApi {
    this.apiHandle ??= oneApi(this.api(flags));
    return this.apiHandle;
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    this.apiHandle?.close();
    return super.finally(err);
  }
}
