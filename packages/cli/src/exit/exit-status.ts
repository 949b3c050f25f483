import { exitCodes, isOneKitError, type ErrorCode } from '@onekit/core';

// The one table from failures to exit statuses. Everything that ends a OneKit process
// (OneCommand, the launcher) asks here.

const statusByCode: Partial<Record<ErrorCode, number>> = {
  CANCELLED: exitCodes.CANCELLED,
  // Errors the OpenNebula API reported: upstream CLIs exit -1, which the shell sees as 255.
  ONE_API: exitCodes.ONE_ERROR,
  XMLRPC_FAULT: exitCodes.ONE_ERROR,
  // Upstream CLIs fail the same way on names they cannot resolve, missing templates and
  // ACL rules they cannot parse.
  OBJECT_NAME: exitCodes.ONE_ERROR,
  TEMPLATE_MISSING: exitCodes.ONE_ERROR,
  ACL_SYNTAX: exitCodes.ONE_ERROR,
};

/** Thrown once a failure has been printed, so that outer layers only set the status. */
export class ReportedError extends Error {
  constructor(
    readonly exitStatus: number,
    options?: ErrorOptions,
  ) {
    super(`exit ${exitStatus}`, options);
    this.name = 'ReportedError';
  }
}

/** How a failure is named in --json output and tests, whatever threw it. */
export type FailureKind = ErrorCode | 'EXIT' | 'UNEXPECTED';

export function failureKind(err: unknown): FailureKind {
  if (isOneKitError(err)) return err.code;
  if (isExplicitExit(err)) return 'EXIT';
  if (isParseError(err)) return 'FLAG_INVALID';
  return 'UNEXPECTED';
}

export function exitStatusFor(err: unknown): number {
  if (err instanceof ReportedError) return err.exitStatus;
  if (isExplicitExit(err)) return err.oclif.exit;
  const kind = failureKind(err);
  if (kind === 'EXIT' || kind === 'UNEXPECTED') return exitCodes.ERROR;
  return statusByCode[kind] ?? exitCodes.ERROR;
}

interface OclifExit {
  code: 'EEXIT';
  oclif: { exit: number };
}

/** `this.exit(n)` inside a command: oclif's ExitError carries the status the command chose. */
function isExplicitExit(err: unknown): err is OclifExit {
  const e = err as Partial<OclifExit> | undefined;
  return e?.code === 'EEXIT' && typeof e.oclif?.exit === 'number';
}

/** oclif's parser errors (unknown flag, missing argument, bad option) carry `oclif.exit` 2. */
function isParseError(err: unknown): boolean {
  const e = err as { oclif?: { exit?: unknown }; parse?: unknown } | undefined;
  return typeof e?.oclif?.exit === 'number' && e.parse !== undefined;
}
