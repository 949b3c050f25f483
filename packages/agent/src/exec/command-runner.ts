// Running a program on the host (systemctl, onedb) without a shell: the arguments reach it
// as given. A non-zero exit is a result, not an error; a program that cannot be started is.
import { spawn } from 'node:child_process';
import { OneKitError } from '@onekit/core';

export interface CommandOutput {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export type CommandRunner = (command: string, args: readonly string[]) => Promise<CommandOutput>;

export interface NodeCommandRunnerOptions {
  /** The environment the programs get. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A runner on node:child_process. */
export function nodeCommandRunner(options: NodeCommandRunnerOptions): CommandRunner {
  return (command, args) =>
    new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.once('error', (error) =>
        reject(
          new OneKitError(
            'HOST_COMMAND',
            `${command} cannot be started: ${error.message}`,
            { field: command },
            { cause: error },
          ),
        ),
      );
      child.once('close', (code, signal) =>
        resolve({
          exitCode: code ?? (signal ? 128 : 1),
          stdout: Buffer.concat(out).toString(),
          stderr: Buffer.concat(err).toString(),
        }),
      );
    });
}
