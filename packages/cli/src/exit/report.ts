import { exitCodes, type ErrorLocation } from '@onekit/core';
import { exitStatusFor, failureKind, type FailureKind } from './exit-status.js';

export interface ReportOptions {
  /** The executable, put in front of the message as Unix tools do. */
  bin: string;
  /** DEBUG is set: add the stack and the chain of causes. */
  debug: boolean;
}

/** The text printed on stderr for a failure: no stack trace unless debugging. */
export function formatFailure(err: unknown, options: ReportOptions): string {
  // What OpenNebula's CLIs print for API failures is the server's message alone.
  const oneStyle = exitStatusFor(err) === exitCodes.ONE_ERROR;
  const lines = [oneStyle ? messageOf(err) : `${options.bin}: ${messageOf(err)}`];
  const where = locationOf(err);
  if (where) lines.push(`  in ${where}`);
  if (options.debug) {
    for (let e: unknown = err; e !== undefined; e = (e as { cause?: unknown }).cause) {
      lines.push(e instanceof Error && e.stack ? e.stack : String(e));
      if (!(e instanceof Error)) break;
    }
  }
  return lines.join('\n') + '\n';
}

/** The shape of a failure in --json output. */
export interface FailureJson {
  error: { code: FailureKind; message: string; where?: ErrorLocation };
}

export function failureJson(err: unknown): FailureJson {
  const where = (err as { where?: ErrorLocation }).where;
  const hasWhere = where !== undefined && Object.keys(where).length > 0;
  return {
    error: { code: failureKind(err), message: messageOf(err), ...(hasWhere ? { where } : {}) },
  };
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/** `file:line:column`, when the failure points into a file. */
function locationOf(err: unknown): string | undefined {
  const where = (err as { where?: ErrorLocation } | undefined)?.where;
  if (!where?.file) return undefined;
  let text = where.file;
  if (where.line !== undefined) text += `:${where.line}`;
  if (where.line !== undefined && where.column !== undefined) text += `:${where.column}`;
  if (where.field) text += ` (${where.field})`;
  return text;
}
