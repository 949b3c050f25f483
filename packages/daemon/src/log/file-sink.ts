import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { OneKitError } from '@onekit/core';
import type { LogSink } from './logger.js';

/**
 * Appends lines to a file (created 0640 with its directory when missing). Writes are
 * buffered by the stream; close() flushes them. A write error after opening cannot be
 * logged anywhere else, so it is kept and reported by close().
 */
export async function openFileSink(path: string): Promise<LogSink> {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
  } catch (err) {
    throw new OneKitError(
      'CONFIG_INVALID',
      `cannot create the log directory of ${path}`,
      { file: path },
      { cause: err },
    );
  }
  const stream = createWriteStream(path, { flags: 'a', mode: 0o640 });
  let failure: unknown;
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) =>
      reject(
        new OneKitError(
          'CONFIG_INVALID',
          `cannot open the log file ${path}`,
          { file: path },
          { cause: err },
        ),
      ),
    );
  });
  stream.on('error', (err) => {
    failure ??= err;
  });
  return {
    write(line) {
      if (!stream.writableEnded) stream.write(line);
    },
    close() {
      return new Promise((resolve, reject) => {
        if (stream.writableEnded) return resolve();
        stream.end(() => {
          if (failure === undefined) resolve();
          else
            reject(
              new OneKitError(
                'CONFIG_INVALID',
                `writing ${path} failed`,
                { file: path },
                { cause: failure },
              ),
            );
        });
      });
    },
  };
}

/** Lines kept in memory: for tests and for the messages printed before the log file opens. */
export class MemorySink implements LogSink {
  readonly lines: string[] = [];

  write(line: string): void {
    this.lines.push(line);
  }

  async close(): Promise<void> {}
}
