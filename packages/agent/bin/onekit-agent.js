#!/usr/bin/env node
// Reads the process's inputs once and hands them to the agent command.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { nodeCommandRunner, runAgentCommand } from '../dist/index.js';

const stopRequested = new Promise((resolve) => {
  for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => resolve(signal));
});

process.exitCode = await runAgentCommand(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  clock: { now: () => new Date(), monotonic: () => performance.now() },
  randomBytes,
  runner: nodeCommandRunner({ env: process.env }),
  stopRequested,
});
// Signal listeners and idle handles must not keep a finished agent alive; stdout is
// flushed first, since a pipe to sshd may still be draining the response.
process.stdout.write('', () => process.exit());
