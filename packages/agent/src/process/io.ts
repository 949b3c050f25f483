import type { Environment } from '@onekit/core';
import type { CommandRunner } from '../exec/index.js';
import type { AgentClock } from '../operations/index.js';

export interface Output {
  write(text: string): unknown;
}

/** What the executable hands the library: read once in bin/, never from globals here. */
export interface AgentProcessIO {
  readonly env: Environment;
  readonly cwd: string;
  readonly stdin: AsyncIterable<Buffer | string>;
  readonly stdout: Output;
  readonly stderr: Output;
  readonly clock: AgentClock;
  readonly randomBytes: (size: number) => Uint8Array;
  /** Runs systemctl and onedb. */
  readonly runner: CommandRunner;
  /** Resolves with the signal's name when the process is asked to stop. */
  readonly stopRequested: Promise<string>;
}
