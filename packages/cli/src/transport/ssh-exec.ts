// One command on an exec channel: feed stdin, collect stdout and stderr, and take the exit
// status the server reports (a signal counts as 128 + its number, as a shell gives it).
import { Buffer } from 'node:buffer';
import { constants } from 'node:os';
import type { ClientChannel } from 'ssh2';
import type { CommandResult } from './host-transport.js';

/** ssh2 names a signal as `SIGTERM`; 255 (as ssh exits) for one this system does not know. */
function statusOfSignal(signal: string): number {
  const number = constants.signals[signal as keyof typeof constants.signals];
  return number === undefined ? 255 : 128 + number;
}

/**
 * Writes `stdin` (or nothing) and closes it, then resolves with the result once the channel
 * closes. A channel that closes without an exit status lost its connection: `lost` makes
 * the error.
 */
export function collectCommand(
  channel: ClientChannel,
  stdin: string | Buffer | undefined,
  lost: () => Error,
): Promise<CommandResult> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let exitCode: number | undefined;
  channel.on('data', (chunk: Buffer) => stdout.push(chunk));
  channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  channel.on('exit', (code: number | null, signal?: string) => {
    exitCode = code ?? (signal ? statusOfSignal(signal) : 255);
  });
  const done = new Promise<CommandResult>((resolve, reject) =>
    channel.once('close', () => {
      if (exitCode === undefined) return reject(lost());
      resolve({
        exitCode,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    }),
  );
  channel.end(stdin);
  return done;
}
