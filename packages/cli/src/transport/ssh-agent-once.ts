// The agent's one-shot mode over SSH: the remote command reads one JSON request on stdin
// and answers one JSON response on stdout (exit 0 when done, 1 when refused).
import { OneKitError } from '@onekit/core';
import { parseResponseText, type OpName, type OpParams, type OpResult } from '@onekit/agent';
import type { SshConnection } from './ssh-connection.js';

export interface AgentOnceOptions {
  /** The shell command line that starts the one-shot mode on the host. */
  readonly command: string;
  /** How the host is named in errors. */
  readonly host: string;
}

// Enough of the command's stderr to tell why it failed, not a whole log.
const STDERR_TAIL = 2000;

export async function callAgentOnce<K extends OpName>(
  connection: SshConnection,
  op: K,
  params: OpParams<K>,
  options: AgentOnceOptions,
): Promise<OpResult<K>> {
  const result = await connection.run(options.command, { stdin: JSON.stringify({ op, params }) });
  // A command that never started (not installed, bad path) answers no JSON at all.
  if (result.stdout.trim() === '' && result.exitCode !== 0) {
    const stderr = result.stderr.trim().slice(-STDERR_TAIL);
    throw new OneKitError(
      'HOST_COMMAND',
      `\`${options.command}\` on ${options.host} exited with ${result.exitCode}` +
        (stderr ? `: ${stderr}` : ' and no output'),
      { field: 'agentCommand' },
    );
  }
  return parseResponseText(op, result.stdout, { host: options.host });
}
