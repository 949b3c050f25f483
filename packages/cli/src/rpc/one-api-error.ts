import { OneKitError, oneErrorName } from '@onekit/core';

/**
 * A `[false, message, code, ...]` answer: the server's message as it sent it, which is what
 * OpenNebula's CLIs print, and OpenNebula's error code (`oneErrorCodes`) beside it.
 */
export class OneApiError extends OneKitError {
  constructor(
    readonly method: string,
    message: string,
    readonly oneCode: number,
  ) {
    super('ONE_API', message, { field: method });
    this.name = 'OneApiError';
  }

  /** `NO_EXISTS`, `AUTHORIZATION`, ... or undefined for a code OpenNebula does not define. */
  get oneCodeName(): string | undefined {
    return oneErrorName(this.oneCode);
  }
}
