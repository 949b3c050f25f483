// One line per request, in logfmt: when, from whom, which operation on which path or
// service, how it ended and how long it took. Never the token, never file content: an
// entry has no field that could hold them.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ErrorCode } from '@onekit/core';

export interface RequestLogEntry {
  readonly time: Date;
  /** `address:port` over HTTP, `ssh:address:port` or `local` for a one-shot run. */
  readonly peer: string;
  /** Absent when the request never named a valid operation. */
  readonly op?: string;
  /** The file or service the operation touched. */
  readonly path?: string;
  readonly service?: string;
  readonly action?: string;
  readonly outcome: 'ok' | ErrorCode;
  readonly durationMs: number;
}

function value(text: string): string {
  return /^[^\s"=\\]+$/.test(text) ? text : JSON.stringify(text);
}

export function formatRequestLine(entry: RequestLogEntry): string {
  const fields: Array<[string, string | undefined]> = [
    ['time', entry.time.toISOString()],
    ['peer', entry.peer],
    ['op', entry.op ?? '-'],
    ['path', entry.path],
    ['service', entry.service],
    ['action', entry.action],
    ['outcome', entry.outcome],
    ['duration_ms', entry.durationMs.toFixed(1)],
  ];
  return fields
    .filter((field): field is [string, string] => field[1] !== undefined)
    .map(([key, text]) => `${key}=${value(text)}`)
    .join(' ');
}

export interface RequestLog {
  write(entry: RequestLogEntry): void;
  close(): Promise<void>;
}

export interface LogOutput {
  write(text: string): unknown;
}

export interface FileRequestLogOptions {
  readonly file: string;
  /** Where lines are copied when asked for (the agent's stderr). */
  readonly echo?: LogOutput;
  /** Where a log file that cannot be written is reported. */
  readonly warn: LogOutput;
}

/** Appends to the agent log (created 0640, directory included). */
export async function openRequestLog(o: FileRequestLogOptions): Promise<RequestLog> {
  let stream: WriteStream | undefined;
  try {
    await mkdir(dirname(o.file), { recursive: true });
    stream = createWriteStream(o.file, { flags: 'a', mode: 0o640 });
    await once(stream, 'open');
  } catch (err) {
    // The operation matters more than its log line: say so once, and carry on.
    o.warn.write(`onekit-agent: cannot write ${o.file}: ${(err as Error).message}\n`);
    stream = undefined;
  }
  stream?.on('error', (err) => o.warn.write(`onekit-agent: ${o.file}: ${err.message}\n`));
  return {
    write(entry) {
      const line = `${formatRequestLine(entry)}\n`;
      stream?.write(line);
      o.echo?.write(line);
    },
    async close() {
      if (!stream) return;
      stream.end();
      await once(stream, 'close');
    },
  };
}
