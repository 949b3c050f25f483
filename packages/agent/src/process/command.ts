// `onekit-agent`: `serve` runs the HTTP API, `once` answers one request on stdin.
import { exitCodes, OneKitError } from '@onekit/core';
import { onekitVersion } from '../versions/index.js';
import { parseAgentArguments, USAGE } from './arguments.js';
import type { AgentProcessIO } from './io.js';
import { runOnce } from './once.js';
import { runServe } from './serve.js';

export async function runAgentCommand(
  argv: readonly string[],
  io: AgentProcessIO,
): Promise<number> {
  let args;
  try {
    args = parseAgentArguments(argv);
  } catch (err) {
    if (!(err instanceof OneKitError)) throw err;
    io.stderr.write(`onekit-agent: ${err.message}\n${USAGE}`);
    return exitCodes.ERROR;
  }
  switch (args.mode) {
    case 'help':
      io.stdout.write(USAGE);
      return exitCodes.OK;
    case 'version':
      io.stdout.write(`onekit-agent ${await onekitVersion()}\n`);
      return exitCodes.OK;
    case 'once':
      return runOnce(io, args.config);
    case 'serve':
      return runServe(io, args);
  }
}
