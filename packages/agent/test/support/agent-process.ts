// A child process of the agent executable, as the tests see it: its output, its exit, and
// a stop by pid that waits with a deadline.
import type { ChildProcess } from 'node:child_process';
import { collect, type RunResult } from '../../../../test/support/child-output.js';

const STOP_DEADLINE_MS = 20_000;

export type { RunResult };
export { collect };

export class AgentProcess {
  constructor(
    private readonly child: ChildProcess,
    readonly exited: Promise<RunResult>,
    /** `http://127.0.0.2:<port>` (https with TLS). */
    readonly url: string,
    private readonly output: { stdout: string; stderr: string },
    /** The token the agent created (or found) on start. */
    readonly token: string,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  /** What the agent wrote on stderr so far. */
  get stderr(): string {
    return this.output.stderr;
  }

  /** Sends `signal` (SIGTERM by default) to the pid and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<RunResult> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      process.kill(this.pid, signal);
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('the agent did not stop in time')),
        STOP_DEADLINE_MS,
      );
    });
    try {
      return await Promise.race([this.exited, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}
